package org.schoolsafety.cyber;

import org.schoolsafety.testing.ServiceSmokeContract;

/** cyber-threat-service starts on a real Kafka broker and a real Redis server and shows itself healthy from outside. */
class CyberThreatServiceIT extends ServiceSmokeContract {

    CyberThreatServiceIT() {
        super("cyber-threat-service");
    }
}
