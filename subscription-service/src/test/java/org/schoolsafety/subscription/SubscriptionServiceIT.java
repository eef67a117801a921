package org.schoolsafety.subscription;

import org.schoolsafety.testing.ServiceSmokeContract;

/** subscription-service starts on a real Kafka broker and a real Redis server and shows itself healthy from outside. */
class SubscriptionServiceIT extends ServiceSmokeContract {

    SubscriptionServiceIT() {
        super("subscription-service");
    }
}
