/**
 * A bulletin written for each channel: its Markdown as sanitised HTML, the {@code bulletin.published.v1} event of a
 * revision, and the email, SMS and webhook renditions of the notification; also the editor's preview of them.
 */
package org.schoolsafety.bulletin.rendition;
