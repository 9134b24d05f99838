package io.sluice.destinations.salesforce;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * A batch planned for Bulk API 2.0, through camel-salesforce's bulk2 operations ({@link SalesforceBulk}): per job,
 * create it, upload its CSV, close it, poll it every {@code sluice.salesforce.bulk-poll-interval} until it has
 * finished, then read its successful and failed records back into one outcome per record. Every call goes through
 * its org's throttle. Nothing of a job is remembered across a restart: a run that dies mid-job is planned again
 * by the next run, whose upserts match the same records by external id, so nothing is created twice.
 */
@Component
class SalesforceBulkRoutes extends RouteBuilder {

    static final String ENDPOINT = "direct:salesforce-bulk";

    private final SalesforceBulk bulk;

    SalesforceBulkRoutes(SalesforceBulk bulk) {
        this.bulk = bulk;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId("salesforce-bulk")
                .errorHandler(noErrorHandler())
                .process(bulk::deliver).id("salesforce-bulk-jobs");
    }
}
