# The merchant console — English, the source. Every locale has every message (a test
# checks); one missing would be shown in English.

console = Console
console-sign-in = Sign in
console-sign-in-intro = Sign in to { $product } with the e-mail address your team invited.
console-email = E-mail address
console-password = Password
console-password-hint = At least 12 characters. A phrase of a few words is easy to remember and hard to guess.
console-sign-in-refused = That e-mail address and password do not match an account.
console-sign-in-limited = Too many attempts. Wait a few minutes and try again.
console-form-expired = The form expired. Please try again.
console-sign-out = Sign out
console-signed-in-as = Signed in as { $email } ({ $role })
console-role-owner = owner
console-role-admin = admin
console-role-agent = agent
console-role-viewer = viewer
console-invitation = Join { $merchant }
console-invitation-intro = You are invited to { $merchant }'s console as { $role }. Choose a password to finish.
console-invitation-gone = This link was used already or has expired. Ask your team's owner for a new one.
console-set-password = Set password and sign in
console-password-invalid = The password is too short or too long: use 12 to 128 characters.
console-forbidden = Your role does not allow this page. Ask your team's owner if you need it.
console-shipments = Shipments
console-all-statuses = All statuses
console-filter = Filter
console-status = Status
console-tracking-number = Tracking number
console-order = Order
console-carrier = Carrier
console-created = Created
console-no-shipments = No shipments yet. Register one with the API (POST /api/v1/shipments).
console-next-page = Older shipments
console-first-page = Newest shipments
console-shipment = Shipment { $number }
console-timeline = Timeline
console-raw-code = Carrier code
console-customer-page = Customer's tracking page
console-events-none = No scans yet.
console-back = All shipments
console-status-pending = Pending
console-status-info_received = Info received
console-status-in_transit = In transit
console-status-out_for_delivery = Out for delivery
console-status-failed_attempt = Failed attempt
console-status-available_for_pickup = Available for pickup
console-status-delivered = Delivered
console-status-exception = Exception
console-status-return_to_sender = Return to sender
console-status-expired = Expired
console-status-cancelled = Cancelled
console-when = When
console-scan = Scan
console-actions = Actions
console-refresh = Refresh now
console-cancel = Stop tracking
console-cancel-confirm = I understand: the customer's link stops working and their personal data is erased.
console-messages = Messages
console-messages-none = No messages for this parcel yet.
console-trigger = Message
console-channel = Channel
console-outcome = Outcome
console-why = Why
console-send-again = Send again
console-notice-refreshed = The carrier will be asked again in a moment.
console-notice-too-soon = This parcel was refreshed a moment ago; try again shortly.
console-notice-not-tracked = This parcel is not tracked any more.
console-notice-cancelled = Tracking stopped; the customer's personal data is erased.
console-notice-confirm = Tick the box to confirm.
console-notice-resent = The message is queued again.
console-notice-not-resent = Only a message that failed or was skipped can be sent again.
console-team = Team
console-member = Member
console-role = Role
console-state = State
console-active = Active
console-invited = Invited
console-invite = Invite
console-invite-link = Send this link to { $email }; it works once, for a week: { $url }
console-invite-mailed = We e-mailed { $email } an invitation. The same link, shown this once, works once, for a week: { $url }
console-remove = Remove
console-notice-removed = The member was removed; their sessions ended.
console-notice-last-owner = The team's last owner cannot be removed.
console-notice-taken = That e-mail address has a console account already.
console-notice-bad-email = That is not an e-mail address.
console-search = Search
console-search-hint = Exact tracking number, order number or customer e-mail
console-search-none = Nothing found for “{ $query }”.
console-keys = API keys
console-key = Key
console-key-hint = Ends in
console-last-used = Last used
console-never = never
console-new-key = Make a new key
console-new-key-shown = Your new key, shown this once: { $key }
console-revoke = Revoke
console-notice-revoked = The key was revoked; it is refused at once.
console-notice-last-key = A shop keeps at least one key: make another before revoking this one.
console-notice-too-many-keys = A shop has at most 2 active keys: revoke one first.
console-audit = Audit log
console-who = Who
console-what = What
console-target = Of
console-changes = Changes
console-operator = the operator
console-sign-out-everywhere = Sign out everywhere
console-branding = Branding
console-carriers = Carriers
console-field-name = Shop name
console-field-brand-color = Brand colour
console-field-support-email = Support e-mail
console-field-support-url = Support page
console-field-lookup-slug = Order lookup address
console-hint-brand-color = Buttons and headings use it behind white text, so it must be dark enough to read: a contrast of at least 4.5:1 (WCAG AA). shipmate's blue (#2b5f8a) means no colour of your own.
console-hint-lookup-slug = Customers find an order at /track/ followed by this: 3 to 40 letters, digits and inner hyphens. Empty: the shop's id.
console-save = Save
console-preview = Preview
console-preview-page = Tracking page
console-preview-email = “Shipped” e-mail
console-notice-saved = Saved. Customers see the change on their next visit.
console-logo = Logo
console-logo-none = No logo yet: the pages show the shop's name.
console-logo-current = The logo customers see
console-field-logo = Logo file
console-hint-logo = PNG, JPEG, WebP or SVG, at most 1 MiB. Pictures are scaled to fit 600 × 200 pixels and saved again as PNG; an SVG may not contain scripts or links to other files.
console-logo-upload = Upload logo
console-logo-remove = Remove logo
console-logo-choose = Choose a file to upload.
console-notice-logo-saved = The new logo is on your pages.
console-notice-logo-removed = The logo was removed: the pages show the shop's name.
console-detect = Which carrier?
console-detect-hint = Paste a tracking number to see which carriers could have issued it.
console-detect-none = No carrier shipmate knows issues numbers like this one.
console-check-digit = check digit wrong
console-credentials-keep = Leave the fields above empty to keep the saved credentials (to change only the rate or the cadence).
console-connected = Connected with the account ending in { $hint } since { $when }.
console-gate-ok = Answering normally.
console-gate-open = Paused after { $failures } failures in a row until { $until }; one try goes through then.
console-gate-held = The carrier asked us to wait until { $until }.
console-last-error = Last error ({ $when }): { $error }
console-cred-client-id = Client ID
console-cred-client-secret = Client secret
console-cred-api-key = API key
console-cred-username = User name
console-cred-password = Password
console-rate = Requests per second
console-rate-hint = From 0.01 to 1000; empty: the platform's limit for this carrier.
console-cadence = Polling cadence
console-cadence-hint = Status=interval, comma-separated, from 1m to 7d (e.g. in_transit=30m, out_for_delivery=10m); empty: the platform's.
console-test = Test connection
console-notice-carrier-saved = Saved. The credentials are sealed and will not be shown again.
console-notice-carrier-removed = The account was removed; the platform's account (if any) polls again.
console-notice-test-ok = The carrier accepted the credentials.
console-notice-test-refused = The carrier refused these credentials.
console-notice-test-wait = The account must wait before the next request; try again shortly.
console-notice-test-failed = The carrier could not be reached; its error is on the card.
console-notice-not-connected = Save credentials before testing them.
console-notice-accounts-off = Shops' own carrier accounts are off on this server: the operator must set security.credential_keys.
console-matrix = Which messages go out on which channel
console-channel-email = E-mail
console-channel-sms = SMS
console-channel-whatsapp = WhatsApp
console-channel-outbox = Outbox (files)
console-trigger-shipped = Shipped
console-trigger-in-transit = In transit
console-trigger-delay = Delayed
console-trigger-eta-changed = New delivery date
console-trigger-out-for-delivery = Out for delivery
console-trigger-failed-attempt = Delivery attempt failed
console-trigger-available-for-pickup = Ready for pickup
console-trigger-delivered = Delivered
console-trigger-return-to-sender = Returning to the shop
console-trigger-feedback-request = Feedback request
console-channel-order = Channel order
console-channel-order-hint = Tried in this order, comma-separated (email, sms, whatsapp): a customer without that contact, or a message that cannot be delivered, moves to the next.
console-daily-cap = Updates per parcel per day
console-daily-cap-hint = At most 50; 0: no cap; empty: the platform's ({ $platform }). Calls to act and the outcome always go.
console-feedback-after = Feedback requests after delivery
console-feedback-after-hint = Up to 3 delays, comma-separated, each from 1h to 30d (e.g. 2h, 3d); empty: the platform's.
console-review-url = Review link for happy customers
console-make-good = Late deliveries
console-make-good-hint = A parcel delivered later than promised by more than the days below gets this text with its delivered message and on its page; with codes on, each such customer also gets one discount code from your pool (once per customer). Codes left in the pool: { $left }. Upload codes with POST /api/v1/make-good/codes.
console-make-good-text = Apology and offer (empty: off)
console-make-good-days = Days late before it applies
console-make-good-codes = Add a discount code from the pool
console-make-good-low = Warn by webhook at this many codes left
console-suggestions = “You may also like” in the delivered e-mail
console-suggestion-name = Name
console-suggestion-url = Link
console-quiet-hours = SMS and WhatsApp wait out this window in the customer's time zone, e.g. 21:00-08:00; off: none; empty: the platform's, { $from }–{ $to }.
console-quiet-hours-none = SMS and WhatsApp wait out this window in the customer's time zone, e.g. 21:00-08:00; off: none; empty: the platform's (none).
console-preview-message = Preview a message
console-language = Language
console-sms-length = { $characters } characters, { $segments } message(s) ({ $encoding })
console-feedback = Feedback
console-responses = Answers (30 days)
console-csat = Average rating
console-satisfied = Satisfied (4–5)
console-nps = NPS
console-on-time = Rating when on time
console-late = Rating when late
console-rating-max = Rated at most
console-any = Any
console-source = Source
console-export-csv = Export as CSV
console-rating = Rating
console-comment = Comment
console-detractor = Detractor
console-feedback-none = No answers match.
console-next = Older
console-parcel = Parcel
console-preview-unsaved = A preview of the values below: nothing is saved until you press Save.

## Shipment filters and the watchlist
console-all-carriers = All carriers
console-needs-attention = Needs attention
console-created-from = Created from
console-created-to = Created up to
console-filter-bad = Not filtered: check { $fields }.
console-attention-exception = Exception
console-attention-failed_attempt = Failed attempt
console-attention-return_to_sender = Going back
console-attention-stalled = No news lately
console-attention-forgotten = Silent for long
console-attention-late = Late

## Overview
console-overview = Overview
console-by-status = Parcels by status
console-see-all = See them all
console-all-calm = Nothing needs attention right now.
console-sent-today = Messages sent today
console-none-sent = No messages sent yet today.
console-feedback-week = Feedback this week
console-answers = Answers
console-average-rating = Average rating
console-detractors = Detractors
console-channel-webhook = Webhooks

## One message
console-message = Message
console-subject = Subject
console-message-text = What it says
console-message-note = Rendered again from the shipment as it is now, in the customer's language.
console-back-to-shipment = Back to the shipment
console-open = Open
console-qr = QR code for the packaging
console-qr-hint = It opens this parcel's page: tracking before delivery, feedback after.
console-insert = Printable insert
console-qr-alt = QR code of the parcel's page

## Webhooks
console-webhooks = Webhooks
console-endpoint = Endpoint URL
console-events = Events
console-events-all = All events
console-events-hint = None ticked: every event.
console-enabled = Sending
console-disabled = Disabled
console-webhooks-none = No endpoints yet.
console-webhook-add = Add an endpoint
console-webhook-url-hint = An https address on the internet; each delivery is signed (Standard Webhooks).
console-disable = Disable
console-enable = Enable
console-webhook-remove-confirm = Remove it
console-deliveries = Deliveries
console-deliveries-none = Nothing delivered yet.
console-event = Event
console-http-status = HTTP status
console-response-time = Response time
console-replay = Send again
console-webhook-secret-shown = The endpoint's signing secret, shown this once: { $secret }
console-notice-replayed = Queued: it is sent again in a moment, under the same webhook-id.
console-notice-not-replayed = Not sent again: it is still queued, or the endpoint is disabled.
console-notice-webhook-saved = Saved.
console-notice-webhook-removed = The endpoint was removed.

## Feedback filters
console-delivery = Delivery
console-delivered-on-time = On time
console-delivered-late = Late

## E-mails to the team
console-mail-invitation-subject = You are invited to { $shop }'s shipmate console
console-mail-invitation-body =
    Hello,

    You are invited to { $shop }'s shipmate console, where the shop follows its parcels, messages and customer feedback.

    Choose your password here (the link works once, for { $hours } hours):
    { $link }

    If you did not expect this, ignore this e-mail.
console-mail-reset-subject = Choose a new password for { $shop }'s shipmate console
console-mail-reset-body =
    Hello,

    Someone asked to choose a new password for your account on { $shop }'s shipmate console.

    Choose it here (the link works once, for { $hours } hours; your other sessions end):
    { $link }

    If it was not you, ignore this e-mail: your password stays as it is.

## Password reset
console-forgot = Forgot your password?
console-reset-title = Choose a new password
console-reset-intro = Give your account's e-mail address: we e-mail you a link to choose a new password.
console-reset-send = E-mail me a link
console-reset-sent = If an account exists for that address, a link is on its way. It works once, for a limited time.
console-reset-no-email = This server sends no e-mail. Ask your shop's owner to invite you again.

console-quiet-hours-label = Quiet hours

# Imports
console-imports = Import
console-import-heading = Import shipments from a file
console-import-help = A CSV file (comma or semicolon, a first row naming the columns) or NDJSON. Each row needs a tracking_number and an order number; AfterShip's column names work as they are: courier, order_id, title, customer_name, email, sms, destination_country. Ours too: carrier, order_number, promised_by (2026-12-01), language, items (Mug x 2 | Towel). Rows already registered are left as they are.
console-import-file = File
console-import-start = Import
console-import-choose = Choose a file to import.
console-import-recent = Recent imports
console-import-file-name = File
console-import-status-receiving = Receiving
console-import-status-running = Importing
console-import-status-done = Done
console-import-status-failed = Stopped
console-import-rows = Rows
console-import-created = Created
console-import-existing = Already known
console-import-failed = Failed
console-import-progress = Progress
console-import-one = Import { $name }
console-import-unnamed = file
console-import-refreshing = This page refreshes itself until the import is done.
console-import-failures = Rows that failed
console-import-row = Row
console-import-reason = Why
console-import-download = Download the failed rows (CSV) to fix and upload again
console-import-none-failed = No row failed.
console-import-ignored = Columns not read: { $columns }
console-import-busy = Imports are still running: start another when one is done.

# Stores
console-stores = Stores
console-stores-heading = Parcels from your store
console-stores-intro = Connect your Shopify store or WooCommerce shop and every parcel it ships becomes a tracked shipment by itself: shipmate checks each webhook's signature, takes each event once, and every 15 minutes asks the store for anything a webhook missed.
console-stores-off = The operator has not set security.credential_keys, so stores cannot be connected: their secrets could not be kept sealed.
console-stores-not-connected = Not connected.
console-stores-connected = Connected to { $shop } (changed { $when }).
console-stores-webhook-url = Webhook URL to paste into the store:
console-stores-keep = Secret fields left empty keep what is stored.
console-stores-save = Save
console-stores-remove = Disconnect
console-stores-shopify-steps = In Shopify's admin: Settings → Notifications → Webhooks → Create webhook, for "Fulfillment creation" and again for "Fulfillment update", format JSON, the URL above. Paste here the key that page says your webhooks are signed with (or your app's client secret), and an Admin API token that may read orders.
console-stores-woocommerce-steps = In WooCommerce: Settings → Advanced → Webhooks → Add webhook, topic "Order updated", the URL above as delivery URL, and a secret; paste that secret here. Then Settings → Advanced → REST API → Add key (read): paste the consumer key and secret. Tracking numbers are read from the Shipment Tracking extension.
console-stores-shop = Store (acme.myshopify.com)
console-stores-site = Shop address (https://shop.example)
console-stores-secret = Signing secret
console-stores-secret2 = Second signing secret (while you rotate one)
console-stores-token = Admin API access token
console-stores-consumer-key = Consumer key
console-stores-consumer-secret = Consumer secret
console-stores-carrier-names = Your names for carriers, one a line: Acme Express = dhl
console-notice-store-saved = The store is connected. Its next webhook brings its parcels in.
console-notice-store-removed = The store is disconnected: its webhooks are refused from now on.
console-analytics = Analytics
console-analytics-from = From
console-analytics-to = To
console-analytics-carrier = Carrier code
console-analytics-lane = Lane (country-region)
console-analytics-table = The figures
console-analytics-definitions = What each figure means
console-analytics-feedback = Customer feedback by carrier, and on time against late: see Feedback
console-analytics-make-good = Late parcels made good: { $given }; of those customers, { $again } ordered again.
console-analytics-0 = Parcels delivered per day
console-analytics-1 = On time against the promise, by carrier
console-analytics-2 = On time against the promise, by lane
console-analytics-3 = Transit time (90th percentile, working days), by carrier
console-analytics-4 = Exceptions per parcel finished, by carrier
console-analytics-5 = Delivered inside the estimated window, by carrier
console-analytics-6 = Messages sent, by channel
console-analytics-7 = Tracking-page views per day
console-analytics-more = All the analytics: every chart, by carrier and lane, over any period
