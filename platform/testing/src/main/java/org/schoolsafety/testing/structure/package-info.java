/** Structure tests every module inherits: no package cycle, no other service, named package dependencies. */
package org.schoolsafety.testing.structure;
