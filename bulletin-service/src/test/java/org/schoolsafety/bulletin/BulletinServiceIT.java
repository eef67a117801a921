package org.schoolsafety.bulletin;

import org.schoolsafety.testing.ServiceSmokeContract;

/** bulletin-service starts on a real Kafka broker and a real Redis server and shows itself healthy from outside. */
class BulletinServiceIT extends ServiceSmokeContract {

    BulletinServiceIT() {
        super("bulletin-service");
    }
}
