package io.sluice.destinations.slack;

import org.apache.camel.component.slack.SlackComponent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Sluice's own camel-slack component instance, holding the credential, so endpoint URIs (which show up in
 * logs, JMX and route dumps) carry only a channel. Configure it through {@code sluice.slack.*}: the starter
 * still copies any {@code camel.component.slack.*} value onto every Slack component, this one included.
 */
@Configuration(proxyBeanMethods = false)
class SlackConfiguration {

    /** The URI scheme of Sluice's camel-slack component. */
    static final String COMPONENT = "sluice-slack";

    @Bean
    SlackConnection slackConnection(SlackProperties properties) {
        return new SlackConnection(properties.baseUrl(), properties.token(), properties.webhookUrl());
    }

    @Bean(COMPONENT)
    SlackComponent sluiceSlackComponent(SlackConnection connection) {
        return component(connection);
    }

    /** A camel-slack component holding one workspace's credential; named connections get one each. */
    static SlackComponent component(SlackConnection connection) {
        SlackComponent component = new SlackComponent();
        // camel-slack posts with the token when it has one, through the webhook otherwise
        if (connection.mode() == SlackConnection.Mode.TOKEN) {
            component.setToken(connection.token());
        } else {
            component.setWebhookUrl(connection.webhookUrl());
        }
        return component;
    }
}
