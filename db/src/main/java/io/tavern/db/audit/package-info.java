/** The audit log of what operators and moderators did. */
package io.tavern.db.audit;
