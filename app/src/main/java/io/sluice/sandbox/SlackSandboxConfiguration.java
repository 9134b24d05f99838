package io.sluice.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import io.sluice.destinations.slack.SlackConnection;
import io.sluice.sandbox.slack.SlackSandbox;

/**
 * Points Sluice's Slack client at the local Slack sandbox — only in the demo, and only while neither a Slack
 * token nor a webhook URL is configured, so a deployment with real credentials never talks to it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("${sluice.sandbox.enabled:false} and '${sluice.slack.token:}' == '' "
        + "and '${sluice.slack.webhook-url:}' == ''")
class SlackSandboxConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SlackSandboxConfiguration.class);

    @Bean(destroyMethod = "close")
    SlackSandbox slackSandbox(@Value("${sluice.sandbox.slack-port:0}") int port) {
        SlackSandbox sandbox = SlackSandbox.start(port);
        LOG.warn("SANDBOX: Slack syncs and alerts post to the local Slack sandbox at {} (not a real workspace); "
                + "see the messages at {}/sandbox", sandbox.baseUrl(), sandbox.baseUrl());
        return sandbox;
    }

    @Bean
    @Primary
    SlackConnection sandboxSlackConnection(SlackSandbox sandbox) {
        return new SlackConnection(sandbox.baseUrl(), SlackSandbox.DEMO_BOT_TOKEN, null);
    }
}
