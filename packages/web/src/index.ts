export { assetFiles } from './assets.ts'
export { escapeHtml, html, raw, type SafeHtml } from './html.ts'
export {
  type AdminMessageKey,
  adminMessageKeys,
  minutesPhrase,
  roleLabels,
  scopeLabels,
  ta,
  taIsolated,
} from './i18n/admin-messages.ts'
export { type ConsentMessageKey, tc } from './i18n/consent-messages.ts'
export {
  type ConsolePageMessageKey,
  consolePageMessageKeys,
  tp,
  tpIsolated,
} from './i18n/console-pages-messages.ts'
export {
  directionOf,
  formatDate,
  formatNumber,
  isLocale,
  type Locale,
  locales,
  negotiateLocale,
} from './i18n/locale.ts'
export { catalogFor, type MessageKey, messageKeys, t } from './i18n/messages.ts'
export {
  type CountedFromView,
  countedFromText,
  fillIn,
  type RequestPageMessageKey,
  requestPageMessageKeys,
  trp,
} from './i18n/request-page-messages.ts'
export { type RequestMessageKey, requestMessageKeys, tr } from './i18n/requests-messages.ts'
export { type PageShell, renderPage } from './layout.ts'
export { type AdminAccountView, renderAdminAccount } from './pages/admin-account.ts'
export { type AdminApiKeysView, renderAdminApiKeys } from './pages/admin-api-keys.ts'
export { type AdminAuditView, renderAdminAudit } from './pages/admin-audit.ts'
export {
  type AdminConsentView,
  type ConsentRateSeriesView,
  renderAdminConsent,
} from './pages/admin-consent.ts'
export {
  type AdminHomeView,
  type AdminToday,
  type OverviewRequest,
  renderAdminHome,
  type StaffWaitId,
} from './pages/admin-home.ts'
export {
  type ComplaintDetailView,
  type IncidentDetailView,
  renderAdminComplaintDetail,
  renderAdminIncidentDetail,
} from './pages/admin-incident-detail.ts'
export {
  type AdminComplaintsView,
  type AdminIncidentsView,
  type IncidentClockView,
  renderAdminComplaints,
  renderAdminIncidents,
} from './pages/admin-incidents.ts'
export { type AdminMailboxView, type MailboxEntryView, renderAdminMailbox } from './pages/admin-mailbox.ts'
export {
  type AdminManifestView,
  type AdminProcessorsView,
  type AdminTransfersView,
  type ManifestFindingView,
  renderAdminManifest,
  renderAdminProcessors,
  renderAdminTransfers,
} from './pages/admin-manifest.ts'
export {
  type AdminPolicyPreviewView,
  type AdminPolicyView,
  type PolicyChangeView,
  type PolicyVersionRow,
  type PolicyVersionStatus,
  renderAdminPolicy,
  renderAdminPolicyPreview,
  type TracedStatement,
} from './pages/admin-policy.ts'
export {
  type AdminRequestDetailView,
  type FoundActionId,
  type FoundSystemView,
  renderAdminRequestDetail,
  type SystemRecordView,
  type VerificationId,
} from './pages/admin-request-detail.ts'
export {
  type AdminRequestDryRunView,
  type DryRunFinding,
  renderAdminRequestDryRun,
} from './pages/admin-request-dry-run.ts'
export {
  type AdminRequestsFrame,
  type AdminRequestsQueueView,
  renderAdminRequestsQueue,
  type SlaView,
  slaText,
} from './pages/admin-requests.ts'
export {
  type AdminRetentionView,
  type RetentionCalendarLine,
  renderAdminRetention,
} from './pages/admin-retention.ts'
export { type AdminSecondFactorView, renderAdminSecondFactor } from './pages/admin-second-factor.ts'
export { type AdminSetupView, renderAdminSetup } from './pages/admin-setup.ts'
export {
  type AdminFrame,
  type AdminSection,
  adminSections,
  renderAdminPage,
  renderAdminRefused,
} from './pages/admin-shell.ts'
export { type AdminSignInView, renderAdminSignIn } from './pages/admin-sign-in.ts'
export { type AdminStaffView, renderAdminStaff } from './pages/admin-staff.ts'
export { type ErrorPageView, renderErrorPage } from './pages/error-page.ts'
export { renderContentPage } from './pages/message-page.ts'
export {
  type PolicyPageView,
  type PolicyVersionsView,
  renderPolicyPage,
  renderPolicyVersions,
} from './pages/policy-page.ts'
export {
  type PreferenceLinkPageView,
  preferenceLinkMail,
  renderPreferenceLinkPage,
} from './pages/preference-link.ts'
export {
  type PreferenceChannel,
  type PreferencePurposeView,
  type PreferencesView,
  preferenceChannels,
  renderPreferences,
  renderUnsubscribe,
  type UnsubscribeView,
} from './pages/preferences.ts'
export { type PrivacyHomeView, renderPrivacyHome } from './pages/privacy-home.ts'
export {
  type CodeChannelId,
  type RequestFormView,
  type RequestStatusId,
  type RequestStatusView,
  type RequestTypeId,
  renderRequestForm,
  renderRequestStatus,
  renderRequestStatusInvalid,
} from './pages/requests-page.ts'
export { type AccessSummaryView, renderAccessSummary } from './pages/requests-summary.ts'
