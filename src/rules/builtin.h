#pragma once
// The built-in rules, one function per rule (defined in src/rules/<id>.cc). The registry
// (registry.cc) lists them in one sorted list.

#include "rules/rule.h"

namespace tw::rules {

const Rule& rule_account_lockout_dos();
const Rule& rule_admin_actions_not_logged();
const Rule& rule_admin_console_internet_exposed();
const Rule& rule_admin_console_without_mfa();
const Rule& rule_brute_force_login();
const Rule& rule_ci_pipeline_production_access();
const Rule& rule_ci_pipeline_untrusted_trigger();
const Rule& rule_ci_pipeline_without_audit();
const Rule& rule_ci_secrets_exposed();
const Rule& rule_client_side_sensitive_storage();
const Rule& rule_credentials_over_cleartext();
const Rule& rule_cross_site_request_forgery();
const Rule& rule_cross_site_scripting();
const Rule& rule_data_store_credential_theft();
const Rule& rule_data_store_exhaustion();
const Rule& rule_data_store_internet_exposed();
const Rule& rule_data_store_unauthorized_access();
const Rule& rule_data_store_without_audit();
const Rule& rule_dependency_confusion();
const Rule& rule_dependency_without_failure_analysis();
const Rule& rule_dmz_direct_database_access();
const Rule& rule_fail_open_component();
const Rule& rule_fail_open_failure_mode();
const Rule& rule_flow_integrity_unprotected();
const Rule& rule_insecure_direct_object_reference();
const Rule& rule_internet_facing_in_trusted_zone();
const Rule& rule_log_injection();
const Rule& rule_missing_audit_log();
const Rule& rule_missing_authentication();
const Rule& rule_missing_authorization();
const Rule& rule_missing_backups();
const Rule& rule_missing_input_validation();
const Rule& rule_missing_rate_limit();
const Rule& rule_mutable_container_image();
const Rule& rule_nosql_injection();
const Rule& rule_password_reset_abuse();
const Rule& rule_path_traversal();
const Rule& rule_physical_device_tampering();
const Rule& rule_public_object_store();
const Rule& rule_queue_flooding();
const Rule& rule_remote_admin_exposed();
const Rule& rule_runs_as_root();
const Rule& rule_secrets_in_repository();
const Rule& rule_sensitive_data_in_logs();
const Rule& rule_sensitive_data_to_untrusted_zone();
const Rule& rule_server_side_request_forgery();
const Rule& rule_session_hijacking();
const Rule& rule_single_factor_authentication();
const Rule& rule_spoofable_external_entity();
const Rule& rule_sql_injection();
const Rule& rule_static_api_key();
const Rule& rule_third_party_outage();
const Rule& rule_unauthenticated_data_store_access();
const Rule& rule_unauthenticated_entry_flow();
const Rule& rule_unauthenticated_log_ingestion();
const Rule& rule_unauthenticated_queue_producer();
const Rule& rule_unauthenticated_service_call();
const Rule& rule_unencrypted_data_at_rest();
const Rule& rule_unencrypted_flow();
const Rule& rule_unmitigated_failure_mode();
const Rule& rule_unpinned_ci_actions();
const Rule& rule_unpinned_dependency();
const Rule& rule_unrestricted_file_upload();
const Rule& rule_unsafe_deserialization();
const Rule& rule_unsigned_inbound_transactions();
const Rule& rule_untrusted_data_store_write();
const Rule& rule_unverified_container_image();
const Rule& rule_unverified_dependency();
const Rule& rule_valuable_store_in_untrusted_zone();
const Rule& rule_webhook_replay();
const Rule& rule_webhook_signature_missing();

}  // namespace tw::rules
