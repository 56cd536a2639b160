package dev.demon.spring.autoconfigure;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;

/**
 * The names of a record's configuration properties.
 */
final class PropertyNames {

    private PropertyNames() {
    }

    /**
     * Every leaf property of a {@code @ConfigurationProperties} record, in dashed form:
     * {@code demon.momentum.beta-init}, not {@code demon.momentum}.
     * @param prefix the record's prefix, such as {@code demon}
     * @param type the record
     * @return the names, in declaration order
     */
    static List<String> of(String prefix, Class<?> type) {
        List<String> names = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
            if (component.getType().isRecord()) {
                names.addAll(of(name, component.getType()));
            }
            else {
                names.add(name);
            }
        }
        return names;
    }

}
