package io.sluice.destinations.salesforce;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.springframework.stereotype.Component;

/**
 * The two calls Sluice makes to Salesforce, through camel-salesforce's {@code raw} operation: sync
 * files name fields only known at run time, so requests are JSON built from the mapping rather than
 * generated sObject classes. Retries are not decided here but by the calling sync route.
 */
@Component
class SalesforceRoutes extends RouteBuilder {

    private final SalesforceCollections collections;

    SalesforceRoutes(SalesforceCollections collections) {
        this.collections = collections;
    }

    @Override
    public void configure() {
        from("direct:salesforce-upsert").routeId("salesforce-upsert")
                .errorHandler(noErrorHandler())
                .process(collections::prepareUpsert)
                .doTry()
                    .to("salesforce:raw?format=JSON").id("salesforce-collections-upsert")
                .doCatch(SalesforceException.class)
                    .process(collections::rethrowClassified)
                .end()
                .process(collections::readResults);

        from("direct:salesforce-delete").routeId("salesforce-delete")
                .errorHandler(noErrorHandler())
                .process(collections::prepareDelete)
                .doTry()
                    .to("salesforce:raw?format=JSON").id("salesforce-collections-delete")
                .doCatch(SalesforceException.class)
                    .process(collections::rethrowClassified)
                .end()
                .process(collections::readResults);
    }
}
