export { type DemoAutopilotPort, demoAutopilotActor, startDemoAutopilot } from './autopilot.ts'
export {
  type DemoAppPorts,
  type DemoApps,
  demoAppsSourceOf,
  reserveDemoAppPorts,
  startDemoApps,
} from './demo-apps.ts'
export { type DemoShop, demoShopSourceOf, startDemoShop } from './demo-shop.ts'
export {
  languageOf,
  listMailbox,
  type MailboxMessage,
  mailboxNotice,
  maskAddress,
  readMessage,
  watchMailbox,
} from './mailbox.ts'
export { type MailboxRoutesOptions, mailboxRoutes } from './mailbox-routes.ts'
export { type PgliteServer, servePglite } from './pglite-server.ts'
