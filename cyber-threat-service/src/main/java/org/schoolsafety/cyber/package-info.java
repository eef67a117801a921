/**
 * cyber-threat-service. Owns threat-feed ingestion (CISA KEV, TAXII 2.1 partners, analysts), normalised advisories with TLP 2.0
 * markings, matching to district technology inventories, and a TAXII 2.1 server. Publishes
 * {@code cyber-advisories} and {@code notifications}.
 */
package org.schoolsafety.cyber;
