package org.schoolsafety.delivery;

import org.schoolsafety.testing.ServiceSmokeContract;

/** delivery-service starts on a real Kafka broker and a real Redis server and shows itself healthy from outside. */
class DeliveryServiceIT extends ServiceSmokeContract {

    DeliveryServiceIT() {
        super("delivery-service");
    }
}
