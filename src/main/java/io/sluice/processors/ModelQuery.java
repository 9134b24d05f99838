package io.sluice.processors;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.sluice.runs.RunContext;
import io.sluice.sync.SyncDefinition;

/**
 * The SQL a run sends to the warehouse. With an incremental cursor and a watermark from an earlier
 * run, the model is wrapped so only rows past the watermark are read; the watermark is always bound
 * as a parameter, never spliced into the SQL.
 */
@Component("modelQuery")
public class ModelQuery {

    public static final String WATERMARK_HEADER = "sluiceWatermark";

    public void prepare(Exchange exchange) {
        RunContext run = exchange.getProperty(RunContext.PROPERTY, RunContext.class);
        SyncDefinition sync = run.sync();
        String sql = sync.query().replaceFirst(";\\s*$", "");
        if (sync.cursor().isPresent() && run.startingWatermark().isPresent()) {
            String cursor = sync.cursor().get();
            sql = "SELECT * FROM (" + sql + ") sluice_model WHERE sluice_model." + cursor + " > :?"
                    + WATERMARK_HEADER + " ORDER BY sluice_model." + cursor;
            exchange.getMessage().setHeader(WATERMARK_HEADER, run.startingWatermark().get().sqlValue());
        }
        exchange.getMessage().setBody(sql);
    }
}
