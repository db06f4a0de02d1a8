#include "rules/registry.h"

#include <algorithm>

#include "rules/builtin.h"

namespace tw::rules {

const std::vector<const Rule*>& builtin_rules() {
  // One explicit list, sorted by id (registry_test checks the order).
  static const std::vector<const Rule*> rules = {
      &rule_account_lockout_dos(),
      &rule_admin_actions_not_logged(),
      &rule_admin_console_internet_exposed(),
      &rule_admin_console_without_mfa(),
      &rule_admin_rights_on_exposed_component(),
      &rule_brute_force_login(),
      &rule_ci_identity_reaches_production(),
      &rule_ci_pipeline_production_access(),
      &rule_ci_pipeline_untrusted_trigger(),
      &rule_ci_pipeline_without_audit(),
      &rule_ci_secrets_exposed(),
      &rule_client_side_sensitive_storage(),
      &rule_code_backdooring(),
      &rule_credentials_over_cleartext(),
      &rule_cross_site_request_forgery(),
      &rule_cross_site_scripting(),
      &rule_data_store_credential_theft(),
      &rule_data_store_exhaustion(),
      &rule_data_store_internet_exposed(),
      &rule_data_store_unauthorized_access(),
      &rule_data_store_without_audit(),
      &rule_denial_of_service_across_boundary(),
      &rule_dependency_confusion(),
      &rule_dependency_without_failure_analysis(),
      &rule_dmz_direct_database_access(),
      &rule_fail_open_component(),
      &rule_fail_open_failure_mode(),
      &rule_flow_integrity_unprotected(),
      &rule_iam_privilege_escalation(),
      &rule_iam_wildcard_permission(),
      &rule_insecure_direct_object_reference(),
      &rule_internet_facing_in_trusted_zone(),
      &rule_ldap_injection(),
      &rule_log_injection(),
      &rule_long_lived_keys(),
      &rule_missing_audit_log(),
      &rule_missing_authentication(),
      &rule_missing_authorization(),
      &rule_missing_backups(),
      &rule_missing_cloud_hardening(),
      &rule_missing_hardening(),
      &rule_missing_identity_propagation(),
      &rule_missing_input_validation(),
      &rule_missing_rate_limit(),
      &rule_missing_waf(),
      &rule_mixed_sensitivity_shared_runtime(),
      &rule_mutable_container_image(),
      &rule_no_secret_store(),
      &rule_nosql_injection(),
      &rule_open_trust_policy(),
      &rule_password_reset_abuse(),
      &rule_path_traversal(),
      &rule_physical_device_tampering(),
      &rule_public_object_store(),
      &rule_push_deployment(),
      &rule_queue_flooding(),
      &rule_remote_admin_exposed(),
      &rule_runs_as_root(),
      &rule_secrets_in_repository(),
      &rule_sensitive_data_in_logs(),
      &rule_sensitive_data_to_untrusted_zone(),
      &rule_server_side_request_forgery(),
      &rule_session_hijacking(),
      &rule_single_factor_authentication(),
      &rule_spoofable_external_entity(),
      &rule_sql_injection(),
      &rule_static_api_key(),
      &rule_third_party_outage(),
      &rule_unauthenticated_data_store_access(),
      &rule_unauthenticated_entry_flow(),
      &rule_unauthenticated_log_ingestion(),
      &rule_unauthenticated_queue_producer(),
      &rule_unauthenticated_service_call(),
      &rule_unencrypted_data_at_rest(),
      &rule_unencrypted_flow(),
      &rule_unguarded_internet_access(),
      &rule_unmitigated_failure_mode(),
      &rule_unpinned_ci_actions(),
      &rule_unpinned_dependency(),
      &rule_unrestricted_file_upload(),
      &rule_unsafe_deserialization(),
      &rule_unsigned_inbound_transactions(),
      &rule_untrusted_data_store_write(),
      &rule_unvalidated_file_content(),
      &rule_unverified_base_image(),
      &rule_unverified_container_image(),
      &rule_unverified_dependency(),
      &rule_valuable_store_in_untrusted_zone(),
      &rule_webhook_replay(),
      &rule_webhook_signature_missing(),
      &rule_xml_external_entity(),
  };
  return rules;
}

const Rule* find_builtin(std::string_view id) {
  const auto& rules = builtin_rules();
  auto it = std::lower_bound(rules.begin(), rules.end(), id,
                             [](const Rule* r, std::string_view v) { return r->id < v; });
  return it != rules.end() && (*it)->id == id ? *it : nullptr;
}

}  // namespace tw::rules
