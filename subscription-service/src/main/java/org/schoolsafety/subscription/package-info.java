/**
 * subscription-service. Owns the directory (state, region, county, district, school), contacts and endpoints, subscriptions
 * with consent, and audience resolution: for each notification, exactly the endpoints that must receive it.
 * Reads {@code notifications} and {@code delivery-outcomes}; publishes {@code directory} and the
 * {@code delivery-requests} lanes.
 */
package org.schoolsafety.subscription;
