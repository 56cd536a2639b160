package dev.demon.spring.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.demon.spring.testing.Polling;

/**
 * A worker waiting for a broker that is away (no manager runs) says so once, not at every
 * attempt to reach it.
 */
@ExtendWith(OutputCaptureExtension.class)
class TrialRequestListenerContainerTest {

    private static final Pattern WAITING = Pattern.compile("The broker cannot be reached \\(Connection refused\\)");

    @Test
    void aBrokerThatIsAwayIsReportedOnceWhileTheWorkerKeepsTrying(CapturedOutput output) throws Exception {
        ConnectionFactory away = mock(ConnectionFactory.class);
        when(away.createConnection()).thenThrow(new JMSException("Connection refused"));
        TrialRequestListenerContainer container = new TrialRequestListenerContainer(Duration.ofMillis(20));
        container.setConnectionFactory(away);
        container.setDestinationName("demon-trials");
        container.setSessionTransacted(true);
        container.setMessageListener((MessageListener) (message) -> {
        });
        container.afterPropertiesSet();
        container.start();
        try {
            Polling.until("ten attempts to reach the broker", Duration.ofMinutes(1),
                    () -> (mockingDetails(away).getInvocations().size() >= 10) ? Optional.of(true) : Optional.empty());
        }
        finally {
            container.shutdown();
        }

        assertThat(WAITING.matcher(output.getOut()).results()).hasSize(1);
        assertThat(output.getOut()).contains("tries again every 20 ms without logging each attempt")
            .doesNotContain("Could not refresh JMS Connection");
    }

}
