package io.sluice.destinations.http;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.sluice.destinations.RateLimit;

/**
 * A sync file's {@code http:} block, checked and compiled. With {@code batchSize} 1 every record is
 * its own call and a refusal is that record's; above 1 every batch is one call, its body
 * {@code batchBody} around the records' bodies, and a refusal is the whole batch's.
 *
 * @param call            the call for a record (or batch); per record it is the update when {@code create} is set
 * @param create          per record: the call for a record Sluice holds no destination id for yet
 * @param body            a record's JSON body; empty: the record's payload as a JSON object
 * @param batchBody       the body of a call per batch, holding {@code {{records}}}
 * @param responseId      where the response holds the id the destination gave the record (dotted path)
 * @param successStatuses statuses that mean success; empty: any 2xx
 * @param delete          mirror mode: the call that removes a record, one per record
 */
record HttpSettings(Call call,
                    Optional<Call> create,
                    Map<String, Template> headers,
                    Optional<Template> body,
                    int batchSize,
                    Template batchBody,
                    Optional<String> responseId,
                    Set<Integer> successStatuses,
                    RateLimit rateLimit,
                    Optional<Call> delete) {

    static final Template RECORDS_AS_ARRAY = Template.parse("{{" + Template.RECORDS + "}}");

    record Call(String method, Template url) {
    }

    boolean perRecord() {
        return batchSize == 1;
    }

    boolean isSuccess(int status) {
        return successStatuses.isEmpty() ? status >= 200 && status < 300 : successStatuses.contains(status);
    }
}
