package dev.demon.demo.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Grafana dashboard JSON file, read as Grafana's dashboard model
 * (https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/).
 */
final class GrafanaDashboard {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String fileName;

    private final JsonNode model;

    private GrafanaDashboard(String fileName, JsonNode model) {
        this.fileName = fileName;
        this.model = model;
    }

    static GrafanaDashboard read(Path file) {
        return new GrafanaDashboard(file.getFileName().toString(), JSON.readTree(file.toFile()));
    }

    String fileName() {
        return this.fileName;
    }

    String uid() {
        return this.model.path("uid").asString();
    }

    /** Every query target of every panel, including the panels inside collapsed rows. */
    List<PanelQuery> panelQueries() {
        List<PanelQuery> queries = new ArrayList<>();
        collectQueries(this.model.path("panels"), queries);
        return queries;
    }

    /** The dashboard's template variables ({@code templating.list}). */
    List<TemplateVariable> variables() {
        List<TemplateVariable> variables = new ArrayList<>();
        for (JsonNode variable : this.model.path("templating").path("list")) {
            JsonNode query = variable.path("query");
            // Grafana 10+ stores a Prometheus variable query as an object; older
            // dashboards as a string.
            String queryText = query.isObject() ? query.path("query").asString() : query.asString("");
            variables.add(new TemplateVariable(variable.path("name").asString(), variable.path("type").asString(),
                    queryText, variable.path("current").path("value").asString("")));
        }
        return variables;
    }

    /**
     * The datasource uids that panels and targets name, as written (a variable reference
     * such as ${datasource} included).
     */
    List<String> datasourceUids() {
        List<String> uids = new ArrayList<>();
        collectDatasourceUids(this.model.path("panels"), uids);
        return uids;
    }

    private void collectQueries(JsonNode panels, List<PanelQuery> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    boolean instant = target.path("instant").asBoolean(false) && !target.path("range").asBoolean(false);
                    queries.add(new PanelQuery(this.fileName, panel.path("title").asString(),
                            target.path("refId").asString(), target.path("expr").asString(),
                            target.path("legendFormat").asString(""), instant));
                }
            }
            collectQueries(panel.path("panels"), queries);
        }
    }

    private static void collectDatasourceUids(JsonNode panels, List<String> uids) {
        for (JsonNode panel : panels) {
            if (panel.has("datasource")) {
                uids.add(panel.path("datasource").path("uid").asString());
            }
            for (JsonNode target : panel.path("targets")) {
                uids.add(target.path("datasource").path("uid").asString());
            }
            collectDatasourceUids(panel.path("panels"), uids);
        }
    }

}
