package io.sluice.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.bulkv2.ContentTypeEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.Job;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.OperationEnum;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.sluice.sandbox.salesforce.SalesforceSandbox.Credentials;

/** Bulk API 2.0 ingest through camel-salesforce's bulk2 operations, the client Sluice uses. */
class SalesforceSandboxBulkIngestTest {

    private final SalesforceSandbox sandbox = SalesforceSandbox.start(0);
    private CamelContext camel;
    private ProducerTemplate producer;

    @BeforeEach
    void startCamel() {
        Credentials demo = Credentials.demo();
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setAuthenticationType(AuthenticationType.REFRESH_TOKEN);
        salesforce.setLoginUrl(sandbox.baseUrl());
        salesforce.setClientId(demo.clientId());
        salesforce.setClientSecret(demo.clientSecret());
        salesforce.setRefreshToken(demo.refreshToken());
        salesforce.setLazyLogin(true);
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion("62.0");
        salesforce.setConfig(config);
        camel = new DefaultCamelContext();
        camel.addComponent("salesforce", salesforce);
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        sandbox.close();
    }

    @Test
    void anUpsertJobGoesOpenUploadCompleteInProgressJobCompleteWithPerRowResults() {
        Job job = create(OperationEnum.UPSERT, "Email");
        assertThat(job.getState()).isEqualTo(JobStateEnum.OPEN);
        assertThat(job.getId()).startsWith("750").hasSize(18);

        upload(job.getId(), """
                Email,Company,AnnualRevenue,LastName
                ada@example.com,Acme,1000,Lovelace
                grace@example.com,,12,Hopper
                not-an-email,Globex,5,X
                bad@example.com,Initech,lots,Y
                """);
        assertThat(call("bulk2CloseJob", job.getId(), Job.class).getState()).isEqualTo(JobStateEnum.UPLOAD_COMPLETE);
        assertThat(call("bulk2GetJob", job.getId(), Job.class).getState()).isEqualTo(JobStateEnum.IN_PROGRESS);
        Job done = call("bulk2GetJob", job.getId(), Job.class);

        assertThat(done.getState()).isEqualTo(JobStateEnum.JOB_COMPLETE);
        assertThat(done.getNumberRecordsProcessed()).isEqualTo(4);
        assertThat(done.getNumberRecordsFailed()).isEqualTo(3);
        assertThat(results("bulk2GetSuccessfulResults", job.getId()))
                .startsWith("sf__Id,sf__Created,Email,Company,AnnualRevenue,LastName\n")
                .contains(",true,ada@example.com,Acme,1000,Lovelace");
        assertThat(results("bulk2GetFailedResults", job.getId()))
                .startsWith("sf__Id,sf__Error,Email,Company,AnnualRevenue,LastName\n")
                .contains("\"REQUIRED_FIELD_MISSING:Required fields are missing: [Company]:Company --\"")
                .contains("INVALID_EMAIL_ADDRESS:Email: invalid email address: not-an-email:Email --")
                .contains("INVALID_FIELD:Failed to deserialize field at col 3. Due to, 'lots' is not a valid value"
                        + " for the type xsd:double:AnnualRevenue --");
        assertThat(sandbox.findRecord("Lead", "Email", "ada@example.com")).get()
                .satisfies(lead -> assertThat(lead).containsEntry("AnnualRevenue", 1000));
        assertThat(sandbox.bulkJobsCreated()).hasSize(1);
    }

    @Test
    void anEmptyCellLeavesAFieldAndNaClearsIt() {
        upsertAndComplete("Email,Company,Title\nada@example.com,Acme,CTO\n");
        upsertAndComplete("Email,Company,Title\nada@example.com,,#N/A\n");

        assertThat(sandbox.findRecord("Lead", "Email", "ada@example.com")).get().satisfies(lead ->
                assertThat(lead).containsEntry("Company", "Acme").doesNotContainKey("Title"));
    }

    @Test
    void aDeleteJobDeletesByIdAndRefusesAnIdAlreadyDeleted() {
        upsertAndComplete("Email,Company\nada@example.com,Acme\n");
        String id = (String) sandbox.records("Lead").get(0).get("Id");

        Job job = create(OperationEnum.DELETE, null);
        upload(job.getId(), "Id\n" + id + "\n" + id + "\n");
        finish(job.getId());

        assertThat(sandbox.records("Lead")).isEmpty();
        assertThat(results("bulk2GetSuccessfulResults", job.getId())).contains(id + ",false," + id);
        assertThat(results("bulk2GetFailedResults", job.getId())).contains("ENTITY_IS_DELETED:entity is deleted: --");
    }

    @Test
    void aColumnTheObjectLacksFailsTheWholeJob() {
        Job job = create(OperationEnum.UPSERT, "Email");
        upload(job.getId(), "Email,Shoe_Size\nada@example.com,42\n");
        Job failed = finish(job.getId());

        assertThat(failed.getState()).isEqualTo(JobStateEnum.FAILED);
        assertThat(failed.getErrorMessage()).isEqualTo("InvalidBatch : Field name not found : Shoe_Size");
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void aJobTakesOneUploadAndAnUpsertNeedsAnExternalIdField() {
        Job job = create(OperationEnum.UPSERT, "Email");
        upload(job.getId(), "Email,Company\nada@example.com,Acme\n");

        Throwable second = catchThrowable(() -> upload(job.getId(), "Email,Company\ngrace@example.com,Acme\n"));
        Throwable noExternalId = catchThrowable(() -> create(OperationEnum.UPSERT, null));

        assertThat(second).hasRootCauseInstanceOf(SalesforceException.class).rootCause()
                .hasMessageContaining("BULK_API_ERROR").hasMessageContaining("only do 'PUT' once");
        assertThat(noExternalId).rootCause().hasMessageContaining("INVALIDJOB")
                .hasMessageContaining("An External ID must be specified for upsert");
    }

    @Test
    void aHeldJobStaysInProgressUntilReleased() {
        sandbox.holdIngestJobs(true);
        Job job = create(OperationEnum.UPSERT, "Email");
        upload(job.getId(), "Email,Company\nada@example.com,Acme\n");
        call("bulk2CloseJob", job.getId(), Job.class);
        call("bulk2GetJob", job.getId(), Job.class);

        assertThat(call("bulk2GetJob", job.getId(), Job.class).getState()).isEqualTo(JobStateEnum.IN_PROGRESS);
        assertThat(catchThrowable(() -> results("bulk2GetSuccessfulResults", job.getId())))
                .rootCause().hasMessageContaining("INVALIDJOBSTATE");

        sandbox.holdIngestJobs(false);
        assertThat(call("bulk2GetJob", job.getId(), Job.class).getState()).isEqualTo(JobStateEnum.JOB_COMPLETE);
        assertThat(sandbox.records("Lead")).hasSize(1);
    }

    private void upsertAndComplete(String csv) {
        Job job = create(OperationEnum.UPSERT, "Email");
        upload(job.getId(), csv);
        assertThat(finish(job.getId()).getState()).isEqualTo(JobStateEnum.JOB_COMPLETE);
    }

    private Job finish(String jobId) {
        call("bulk2CloseJob", jobId, Job.class);
        call("bulk2GetJob", jobId, Job.class);
        return call("bulk2GetJob", jobId, Job.class);
    }

    private Job create(OperationEnum operation, String externalIdField) {
        Job job = new Job();
        job.setObject("Lead");
        job.setOperation(operation);
        job.setExternalIdFieldName(externalIdField);
        job.setContentType(ContentTypeEnum.CSV);
        return producer.requestBody("salesforce:bulk2CreateJob", job, Job.class);
    }

    private void upload(String jobId, String csv) {
        producer.requestBodyAndHeader("salesforce:bulk2CreateBatch", csv.getBytes(StandardCharsets.UTF_8),
                SalesforceEndpointConfig.JOB_ID, jobId);
    }

    private <T> T call(String operation, String jobId, Class<T> answer) {
        return producer.requestBodyAndHeaders("salesforce:" + operation, null,
                Map.of(SalesforceEndpointConfig.JOB_ID, jobId), answer);
    }

    private String results(String operation, String jobId) {
        try (InputStream csv = call(operation, jobId, InputStream.class)) {
            return new String(csv.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
