package io.sluice.destinations.salesforce;

import org.apache.camel.Processor;
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
        collectionsCall("salesforce-upsert", collections::prepareUpsert);
        collectionsCall("salesforce-delete", collections::prepareDelete);
    }

    private void collectionsCall(String name, Processor prepareRequest) {
        from("direct:" + name).routeId(name)
                .errorHandler(noErrorHandler())
                .process(prepareRequest)
                .doTry()
                    .to("salesforce:raw?format=JSON").id(name + "-call")
                .doCatch(SalesforceException.class)
                    .process(collections::rethrowClassified)
                .end()
                .process(collections::readResults);
    }
}
