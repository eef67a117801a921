package org.schoolsafety.alert;

import org.schoolsafety.testing.ServiceSmokeContract;

/** alert-service starts on a real Kafka broker and a real Redis server and shows itself healthy from outside. */
class AlertServiceIT extends ServiceSmokeContract {

    AlertServiceIT() {
        super("alert-service");
    }
}
