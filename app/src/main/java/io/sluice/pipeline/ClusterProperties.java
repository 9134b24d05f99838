package io.sluice.pipeline;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How instances sharing one state store keep a sync to one run at a time ({@code sluice.cluster.*}).
 *
 * @param instanceId     this instance's name in leases and run history; unique per running process.
 *                       Default: the host name and a random suffix
 * @param leaseDuration  how long a run's lease lasts without renewal: an instance that died is noticed
 *                       this long after its last renewal, and its runs are shown failed within one
 *                       {@code leaseRenewal} more
 * @param leaseRenewal   how often a live run renews its lease, and how often each instance looks for leases
 *                       that expired; well below {@code leaseDuration}
 */
@Validated
@ConfigurationProperties("sluice.cluster")
public record ClusterProperties(String instanceId,
                                @NotNull @DefaultValue("30s") Duration leaseDuration,
                                @NotNull @DefaultValue("10s") Duration leaseRenewal) {

    public ClusterProperties {
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
        if (leaseDuration != null && leaseRenewal != null && leaseRenewal.compareTo(leaseDuration) >= 0) {
            throw new IllegalArgumentException("sluice.cluster.lease-renewal (" + leaseRenewal
                    + ") must be shorter than sluice.cluster.lease-duration (" + leaseDuration + ")");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "sluice";
        }
    }
}
