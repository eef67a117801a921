/** Contracts for what a service accepts at its door: every text field of every request model keeps the text rule. */
package org.schoolsafety.testing.input;
