# Die Händler-Konsole — Deutsch. Fehlende Nachrichten fallen einzeln auf Englisch zurück
# (ein Test listet auf, was jeder Sprache fehlt).

console = Konsole
console-sign-in = Anmelden
console-sign-in-intro = Melden Sie sich bei { $product } mit der E-Mail-Adresse an, an die Ihr Team die Einladung geschickt hat.
console-email = E-Mail-Adresse
console-password = Passwort
console-password-hint = Mindestens 12 Zeichen. Ein Satz aus ein paar Wörtern ist leicht zu merken und schwer zu erraten.
console-sign-in-refused = Diese E-Mail-Adresse und dieses Passwort passen zu keinem Konto.
console-sign-in-limited = Zu viele Versuche. Warten Sie ein paar Minuten und versuchen Sie es dann noch einmal.
console-form-expired = Das Formular ist abgelaufen. Bitte versuchen Sie es noch einmal.
console-sign-out = Abmelden
console-signed-in-as = Angemeldet als { $email } ({ $role })
console-role-owner = Inhaber
console-role-admin = Administrator
console-role-agent = Support-Agent
console-role-viewer = Betrachter
console-invitation = { $merchant } beitreten
console-invitation-intro = Sie wurden als { $role } in die Konsole von { $merchant } eingeladen. Wählen Sie zum Abschluss ein Passwort.
console-invitation-gone = Dieser Link wurde bereits verwendet oder ist abgelaufen. Bitten Sie den Inhaber Ihres Teams um einen neuen.
console-set-password = Passwort festlegen und anmelden
console-password-invalid = Das Passwort ist zu kurz oder zu lang: Verwenden Sie 12 bis 128 Zeichen.
console-forbidden = Ihre Rolle erlaubt diese Seite nicht. Wenden Sie sich an den Inhaber Ihres Teams, falls Sie sie benötigen.
console-shipments = Sendungen
console-all-statuses = Alle Status
console-filter = Filtern
console-status = Status
console-tracking-number = Sendungsnummer
console-order = Bestellung
console-carrier = Versanddienstleister
console-created = Erstellt
console-no-shipments = Noch keine Sendungen. Legen Sie eine über die API an (POST /api/v1/shipments).
console-next-page = Ältere Sendungen
console-first-page = Neueste Sendungen
console-shipment = Sendung { $number }
console-timeline = Sendungsverlauf
console-raw-code = Code des Versanddienstleisters
console-customer-page = Tracking-Seite des Kunden
console-events-none = Noch keine Scans.
console-back = Alle Sendungen
console-status-pending = Angemeldet
console-status-info_received = Versandetikett erstellt
console-status-in_transit = Unterwegs
console-status-out_for_delivery = In Zustellung
console-status-failed_attempt = Zustellversuch
console-status-available_for_pickup = Bereit zur Abholung
console-status-delivered = Zugestellt
console-status-exception = Problem
console-status-return_to_sender = Rücksendung an den Absender
console-status-expired = Abgelaufen
console-status-cancelled = Sendungsverfolgung beendet
console-when = Zeitpunkt
console-scan = Scan
console-actions = Aktionen
console-refresh = Jetzt aktualisieren
console-cancel = Sendungsverfolgung beenden
console-cancel-confirm = Mir ist bewusst: Der Link des Kunden funktioniert dann nicht mehr und seine personenbezogenen Daten werden gelöscht.
console-messages = Nachrichten
console-messages-none = Noch keine Nachrichten zu diesem Paket.
console-trigger = Nachricht
console-channel = Kanal
console-outcome = Ergebnis
console-why = Grund
console-send-again = Erneut senden
console-notice-refreshed = Der Versanddienstleister wird gleich erneut abgefragt.
console-notice-too-soon = Dieses Paket wurde gerade erst aktualisiert; versuchen Sie es in Kürze noch einmal.
console-notice-not-tracked = Dieses Paket wird nicht mehr verfolgt.
console-notice-cancelled = Sendungsverfolgung beendet; die personenbezogenen Daten des Kunden sind gelöscht.
console-notice-confirm = Setzen Sie zur Bestätigung das Häkchen.
console-notice-resent = Die Nachricht steht erneut in der Warteschlange.
console-notice-not-resent = Nur eine fehlgeschlagene oder übersprungene Nachricht kann erneut gesendet werden.
console-team = Team
console-member = Mitglied
console-role = Rolle
console-state = Status
console-active = Aktiv
console-invited = Eingeladen
console-invite = Einladen
console-invite-link = Senden Sie diesen Link an { $email }; er funktioniert einmal, eine Woche lang: { $url }
console-invite-mailed = Wir haben { $email } eine Einladung per E-Mail geschickt. Derselbe Link, hier nur dieses eine Mal angezeigt, funktioniert einmal, eine Woche lang: { $url }
console-remove = Entfernen
console-notice-removed = Das Mitglied wurde entfernt; seine Sitzungen sind beendet.
console-notice-last-owner = Der letzte Inhaber des Teams kann nicht entfernt werden.
console-notice-taken = Für diese E-Mail-Adresse gibt es bereits ein Konsolen-Konto.
console-notice-bad-email = Das ist keine E-Mail-Adresse.
console-search = Suchen
console-search-hint = Genaue Sendungsnummer, Bestellnummer oder E-Mail-Adresse des Kunden
console-search-none = Keine Treffer für „{ $query }“.
console-keys = API-Schlüssel
console-key = Schlüssel
console-key-hint = Endet auf
console-last-used = Zuletzt verwendet
console-never = nie
console-new-key = Neuen Schlüssel erstellen
console-new-key-shown = Ihr neuer Schlüssel, nur dieses eine Mal angezeigt: { $key }
console-revoke = Widerrufen
console-notice-revoked = Der Schlüssel wurde widerrufen und wird ab sofort abgelehnt.
console-notice-last-key = Ein Shop behält mindestens einen Schlüssel: Erstellen Sie einen weiteren, bevor Sie diesen widerrufen.
console-notice-too-many-keys = Ein Shop hat höchstens 2 aktive Schlüssel: Widerrufen Sie zuerst einen.
console-audit = Audit-Protokoll
console-who = Wer
console-what = Was
console-target = Betrifft
console-changes = Änderungen
console-operator = der Betreiber
console-sign-out-everywhere = Überall abmelden
console-branding = Erscheinungsbild
console-carriers = Versanddienstleister
console-field-name = Shop-Name
console-field-brand-color = Markenfarbe
console-field-support-email = Support-E-Mail
console-field-support-url = Support-Seite
console-field-lookup-slug = Adresse der Bestellsuche
console-hint-brand-color = Schaltflächen und Überschriften verwenden sie als Hintergrund für weißen Text, daher muss sie dunkel genug sein, damit er lesbar bleibt: ein Kontrast von mindestens 4,5:1 (WCAG AA). Das Blau von shipmate (#2b5f8a) bedeutet: keine eigene Farbe.
console-hint-lookup-slug = Kunden finden eine Bestellung unter /track/, gefolgt von dieser Angabe: 3 bis 40 Buchstaben, Ziffern und Bindestriche (nicht am Anfang oder Ende). Leer: die ID des Shops.
console-save = Speichern
console-preview = Vorschau
console-preview-page = Tracking-Seite
console-preview-email = E-Mail „Versandt“
console-notice-saved = Gespeichert. Kunden sehen die Änderung bei ihrem nächsten Besuch.
console-logo = Logo
console-logo-none = Noch kein Logo: Die Seiten zeigen den Namen des Shops.
console-logo-current = Das Logo, das Kunden sehen
console-field-logo = Logodatei
console-hint-logo = PNG, JPEG, WebP oder SVG, höchstens 1 MiB. Bilder werden auf 600 × 200 Pixel eingepasst und erneut als PNG gespeichert; ein SVG darf keine Skripte und keine Links auf andere Dateien enthalten.
console-logo-upload = Logo hochladen
console-logo-remove = Logo entfernen
console-logo-choose = Wählen Sie eine Datei zum Hochladen aus.
console-notice-logo-saved = Das neue Logo ist jetzt auf Ihren Seiten zu sehen.
console-notice-logo-removed = Das Logo wurde entfernt: Die Seiten zeigen den Namen des Shops.
console-detect = Welcher Versanddienstleister?
console-detect-hint = Fügen Sie eine Sendungsnummer ein, um zu sehen, welche Versanddienstleister sie vergeben haben könnten.
console-detect-none = Kein Versanddienstleister, den shipmate kennt, vergibt Nummern wie diese.
console-check-digit = Prüfziffer falsch
console-credentials-keep = Lassen Sie die Felder oben leer, um die gespeicherten Zugangsdaten zu behalten (etwa um nur die Rate oder den Abfragetakt zu ändern).
console-connected = Seit { $when } verbunden mit dem Konto, das auf { $hint } endet.
console-gate-ok = Antwortet normal.
console-gate-open = Nach { $failures } Fehlern in Folge pausiert bis { $until }; danach wird ein Versuch durchgelassen.
console-gate-held = Der Versanddienstleister hat uns gebeten, bis { $until } zu warten.
console-last-error = Letzter Fehler ({ $when }): { $error }
console-cred-client-id = Client-ID
console-cred-client-secret = Client-Secret
console-cred-api-key = API-Schlüssel
console-cred-username = Benutzername
console-cred-password = Passwort
console-rate = Anfragen pro Sekunde
console-rate-hint = Von 0,01 bis 1000; leer: das Limit der Plattform für diesen Versanddienstleister.
console-cadence = Abfragetakt
console-cadence-hint = Status=Intervall, durch Kommas getrennt, von 1m bis 7d (z. B. in_transit=30m, out_for_delivery=10m); leer: der Takt der Plattform.
console-test = Verbindung testen
console-notice-carrier-saved = Gespeichert. Die Zugangsdaten sind verschlüsselt abgelegt und werden nicht noch einmal angezeigt.
console-notice-carrier-removed = Das Konto wurde entfernt; das Konto der Plattform (falls vorhanden) fragt wieder ab.
console-notice-test-ok = Der Versanddienstleister hat die Zugangsdaten akzeptiert.
console-notice-test-refused = Der Versanddienstleister hat diese Zugangsdaten abgelehnt.
console-notice-test-wait = Das Konto muss vor der nächsten Anfrage warten; versuchen Sie es in Kürze noch einmal.
console-notice-test-failed = Der Versanddienstleister war nicht erreichbar; die Fehlermeldung steht auf der Karte.
console-notice-not-connected = Speichern Sie die Zugangsdaten, bevor Sie sie testen.
console-notice-accounts-off = Eigene Versanddienstleister-Konten der Shops sind auf diesem Server deaktiviert: Der Betreiber muss security.credential_keys setzen.
console-matrix = Welche Nachrichten über welchen Kanal verschickt werden
console-channel-email = E-Mail
console-channel-sms = SMS
console-channel-whatsapp = WhatsApp
console-channel-outbox = Postausgang (Dateien)
console-trigger-shipped = Versandt
console-trigger-in-transit = Unterwegs
console-trigger-delay = Verspätet
console-trigger-eta-changed = Neuer Liefertermin
console-trigger-out-for-delivery = In Zustellung
console-trigger-failed-attempt = Zustellversuch fehlgeschlagen
console-trigger-available-for-pickup = Bereit zur Abholung
console-trigger-delivered = Zugestellt
console-trigger-return-to-sender = Auf dem Rückweg zum Shop
console-trigger-feedback-request = Feedback-Anfrage
console-channel-order = Reihenfolge der Kanäle
console-channel-order-hint = In dieser Reihenfolge versucht, durch Kommas getrennt (email, sms, whatsapp): Fehlt beim Kunden dieser Kontakt oder lässt sich eine Nachricht nicht zustellen, ist der nächste Kanal an der Reihe.
console-daily-cap = Updates pro Paket und Tag
console-daily-cap-hint = Höchstens 50; 0: keine Begrenzung; leer: der Wert der Plattform ({ $platform }). Aufforderungen zum Handeln und das Endergebnis werden immer verschickt.
console-feedback-after = Feedback-Anfragen nach der Zustellung
console-feedback-after-hint = Bis zu 3 Wartezeiten, durch Kommas getrennt, jeweils von 1h bis 30d (z. B. 2h, 3d); leer: die der Plattform.
console-review-url = Bewertungslink für zufriedene Kunden
console-make-good = Verspätete Zustellungen
console-make-good-hint = Ein Paket, das um mehr als die unten angegebenen Tage später als zugesagt zugestellt wird, bekommt diesen Text mit seiner Zustellnachricht und auf seiner Seite; sind Codes aktiviert, erhält jeder dieser Kunden außerdem einen Rabattcode aus Ihrem Vorrat (einmal pro Kunde). Verbleibende Codes im Vorrat: { $left }. Laden Sie Codes mit POST /api/v1/make-good/codes hoch.
console-make-good-text = Entschuldigung und Angebot (leer: aus)
console-make-good-days = Tage Verspätung, ab denen es gilt
console-make-good-codes = Einen Rabattcode aus dem Vorrat hinzufügen
console-make-good-low = Per Webhook warnen, wenn nur noch so viele Codes übrig sind
console-suggestions = „Das könnte dir auch gefallen“ in der Zustell-E-Mail
console-suggestion-name = Name
console-suggestion-url = Link
console-quiet-hours = SMS und WhatsApp warten dieses Zeitfenster in der Zeitzone des Kunden ab, z. B. 21:00-08:00; off: keines; leer: das der Plattform, { $from }–{ $to }.
console-quiet-hours-none = SMS und WhatsApp warten dieses Zeitfenster in der Zeitzone des Kunden ab, z. B. 21:00-08:00; off: keines; leer: das der Plattform (keines).
console-preview-message = Vorschau einer Nachricht
console-language = Sprache
console-sms-length = { $characters } Zeichen, { $segments } Nachricht(en) ({ $encoding })
console-feedback = Feedback
console-responses = Antworten (30 Tage)
console-csat = Durchschnittliche Bewertung
console-satisfied = Zufrieden (4–5)
console-nps = NPS
console-on-time = Bewertung bei pünktlicher Zustellung
console-late = Bewertung bei Verspätung
console-rating-max = Bewertung höchstens
console-any = Alle
console-source = Quelle
console-export-csv = Als CSV exportieren
console-rating = Bewertung
console-comment = Kommentar
console-detractor = Kritiker
console-feedback-none = Keine passenden Antworten.
console-next = Ältere
console-parcel = Paket
console-preview-unsaved = Eine Vorschau der Werte unten: Gespeichert wird erst, wenn Sie auf „Speichern“ klicken.

## Sendungsfilter und Beobachtungsliste
console-all-carriers = Alle Versanddienstleister
console-needs-attention = Handlungsbedarf
console-created-from = Erstellt ab
console-created-to = Erstellt bis
console-filter-bad = Nicht gefiltert: Prüfen Sie { $fields }.
console-attention-exception = Problem
console-attention-failed_attempt = Zustellversuch
console-attention-return_to_sender = Auf dem Rückweg
console-attention-stalled = Zuletzt keine Neuigkeiten
console-attention-forgotten = Lange ohne Meldung
console-attention-late = Verspätet

## Übersicht
console-overview = Übersicht
console-by-status = Pakete nach Status
console-see-all = Alle ansehen
console-all-calm = Im Moment besteht kein Handlungsbedarf.
console-sent-today = Heute gesendete Nachrichten
console-none-sent = Heute wurden noch keine Nachrichten gesendet.
console-feedback-week = Feedback dieser Woche
console-answers = Antworten
console-average-rating = Durchschnittliche Bewertung
console-detractors = Kritiker
console-channel-webhook = Webhooks

## Eine Nachricht
console-message = Nachricht
console-subject = Betreff
console-message-text = Inhalt
console-message-note = Neu erstellt aus dem aktuellen Stand der Sendung, in der Sprache des Kunden.
console-back-to-shipment = Zurück zur Sendung
console-open = Öffnen
console-qr = QR-Code für die Verpackung
console-qr-hint = Er öffnet die Seite dieses Pakets: vor der Zustellung die Sendungsverfolgung, danach das Feedback.
console-insert = Paketbeilage zum Ausdrucken
console-qr-alt = QR-Code der Paketseite

## Webhooks
console-webhooks = Webhooks
console-endpoint = Endpunkt-URL
console-events = Ereignisse
console-events-all = Alle Ereignisse
console-events-hint = Keines angehakt: alle Ereignisse.
console-enabled = Sendet
console-disabled = Deaktiviert
console-webhooks-none = Noch keine Endpunkte.
console-webhook-add = Endpunkt hinzufügen
console-webhook-url-hint = Eine https-Adresse im Internet; jede Zustellung wird signiert (Standard Webhooks).
console-disable = Deaktivieren
console-enable = Aktivieren
console-webhook-remove-confirm = Entfernen
console-deliveries = Zustellungen
console-deliveries-none = Noch nichts zugestellt.
console-event = Ereignis
console-http-status = HTTP-Status
console-response-time = Antwortzeit
console-replay = Erneut senden
console-webhook-secret-shown = Der Signaturschlüssel des Endpunkts, nur dieses eine Mal angezeigt: { $secret }
console-notice-replayed = In der Warteschlange: wird gleich erneut gesendet, mit derselben webhook-id.
console-notice-not-replayed = Nicht erneut gesendet: Die Zustellung steht noch in der Warteschlange oder der Endpunkt ist deaktiviert.
console-notice-webhook-saved = Gespeichert.
console-notice-webhook-removed = Der Endpunkt wurde entfernt.

## Feedback-Filter
console-delivery = Zustellung
console-delivered-on-time = Pünktlich
console-delivered-late = Verspätet

## E-Mails an das Team
console-mail-invitation-subject = Einladung zur shipmate-Konsole von { $shop }
console-mail-invitation-body =
    Hallo,

    Sie wurden zur shipmate-Konsole von { $shop } eingeladen. Dort verfolgt der Shop seine Pakete, Nachrichten und das Feedback seiner Kunden.

    Wählen Sie hier Ihr Passwort (der Link funktioniert einmal, { $hours } Stunden lang):
    { $link }

    Falls Sie diese Einladung nicht erwartet haben, ignorieren Sie diese E-Mail einfach.
console-mail-reset-subject = Neues Passwort für die shipmate-Konsole von { $shop } wählen
console-mail-reset-body =
    Hallo,

    Jemand hat angefordert, ein neues Passwort für Ihr Konto in der shipmate-Konsole von { $shop } zu wählen.

    Wählen Sie es hier (der Link funktioniert einmal, { $hours } Stunden lang; Ihre anderen Sitzungen werden beendet):
    { $link }

    Falls Sie das nicht waren, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.

## Passwort zurücksetzen
console-forgot = Passwort vergessen?
console-reset-title = Neues Passwort wählen
console-reset-intro = Geben Sie die E-Mail-Adresse Ihres Kontos an: Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort wählen können.
console-reset-send = Link per E-Mail senden
console-reset-sent = Falls es ein Konto mit dieser Adresse gibt, ist ein Link unterwegs. Er funktioniert einmal und nur für begrenzte Zeit.
console-reset-no-email = Dieser Server verschickt keine E-Mails. Bitten Sie den Inhaber Ihres Shops, Sie erneut einzuladen.

console-quiet-hours-label = Ruhezeiten

# Importe
console-imports = Import
console-import-heading = Sendungen aus einer Datei importieren
console-import-help = Eine CSV-Datei (Komma oder Semikolon, die erste Zeile benennt die Spalten) oder NDJSON. Jede Zeile braucht eine tracking_number und eine Bestellnummer; die Spaltennamen von AfterShip funktionieren unverändert: courier, order_id, title, customer_name, email, sms, destination_country. Unsere ebenso: carrier, order_number, promised_by (2026-12-01), language, items (Tasse x 2 | Handtuch). Bereits angelegte Zeilen bleiben unverändert.
console-import-file = Datei
console-import-start = Importieren
console-import-choose = Wählen Sie eine Datei zum Importieren aus.
console-import-recent = Letzte Importe
console-import-file-name = Datei
console-import-status-receiving = Wird empfangen
console-import-status-running = Wird importiert
console-import-status-done = Fertig
console-import-status-failed = Abgebrochen
console-import-rows = Zeilen
console-import-created = Angelegt
console-import-existing = Bereits bekannt
console-import-failed = Fehlgeschlagen
console-import-progress = Fortschritt
console-import-one = Import: { $name }
console-import-unnamed = Datei ohne Namen
console-import-refreshing = Diese Seite aktualisiert sich selbst, bis der Import abgeschlossen ist.
console-import-failures = Fehlgeschlagene Zeilen
console-import-row = Zeile
console-import-reason = Grund
console-import-download = Fehlgeschlagene Zeilen (CSV) herunterladen, um sie zu korrigieren und erneut hochzuladen
console-import-none-failed = Keine Zeile ist fehlgeschlagen.
console-import-ignored = Nicht gelesene Spalten: { $columns }
console-import-busy = Es laufen noch Importe: Starten Sie einen weiteren, sobald einer abgeschlossen ist.

# Shops
console-stores = Shops
console-stores-heading = Pakete aus Ihrem Shop
console-stores-intro = Verbinden Sie Ihren Shopify- oder WooCommerce-Shop, und jedes Paket, das er verschickt, wird automatisch zu einer verfolgten Sendung: shipmate prüft die Signatur jedes Webhooks, übernimmt jedes Ereignis genau einmal und fragt den Shop alle 15 Minuten nach allem, was ein Webhook verpasst hat.
console-stores-off = Der Betreiber hat security.credential_keys nicht gesetzt, daher können keine Shops verbunden werden: Ihre geheimen Schlüssel ließen sich nicht verschlüsselt aufbewahren.
console-stores-not-connected = Nicht verbunden.
console-stores-connected = Verbunden mit { $shop } (zuletzt geändert: { $when }).
console-stores-webhook-url = Webhook-URL zum Einfügen im Shop:
console-stores-keep = Leer gelassene geheime Felder behalten den gespeicherten Wert.
console-stores-save = Speichern
console-stores-remove = Trennen
console-stores-shopify-steps = Im Shopify-Adminbereich: Einstellungen → Benachrichtigungen → Webhooks → Webhook erstellen, für „Ausführungserstellung“ (Fulfillment creation) und noch einmal für „Ausführungsaktualisierung“ (Fulfillment update), Format JSON, die URL oben. Fügen Sie hier den Schlüssel ein, mit dem Ihre Webhooks laut dieser Seite signiert werden (oder das Client-Secret Ihrer App), sowie ein Admin-API-Token, das Bestellungen lesen darf.
console-stores-woocommerce-steps = In WooCommerce: Einstellungen → Erweitert → Webhooks → Webhook hinzufügen, Thema „Bestellung aktualisiert“, die URL oben als Auslieferungs-URL und ein Secret; fügen Sie dieses Secret hier ein. Dann Einstellungen → Erweitert → REST-API → Schlüssel hinzufügen (Lesen): Fügen Sie Consumer Key und Consumer Secret ein. Sendungsnummern werden aus der Erweiterung Shipment Tracking gelesen.
console-stores-shop = Shop (acme.myshopify.com)
console-stores-site = Shop-Adresse (https://shop.example)
console-stores-secret = Signaturschlüssel
console-stores-secret2 = Zweiter Signaturschlüssel (während Sie einen austauschen)
console-stores-token = Admin-API-Zugriffstoken
console-stores-consumer-key = Consumer Key
console-stores-consumer-secret = Consumer Secret
console-stores-carrier-names = Ihre Namen für Versanddienstleister, einer pro Zeile: Acme Express = dhl
console-notice-store-saved = Der Shop ist verbunden. Mit seinem nächsten Webhook kommen seine Pakete herein.
console-notice-store-removed = Die Verbindung zum Shop ist getrennt: Seine Webhooks werden ab sofort abgelehnt.
console-analytics = Analysen
console-analytics-from = Von
console-analytics-to = Bis
console-analytics-carrier = Code des Versanddienstleisters
console-analytics-lane = Route (Land-Region)
console-analytics-table = Die Zahlen
console-analytics-definitions = Was die einzelnen Kennzahlen bedeuten
console-analytics-feedback = Kundenfeedback nach Versanddienstleister sowie pünktlich im Vergleich zu verspätet: siehe Feedback
console-analytics-make-good = Entschädigte verspätete Pakete: { $given }; von diesen Kunden haben { $again } erneut bestellt.
console-analytics-0 = Zugestellte Pakete pro Tag
console-analytics-1 = Pünktlich gemäß Zusage, nach Versanddienstleister
console-analytics-2 = Pünktlich gemäß Zusage, nach Route
console-analytics-3 = Laufzeit (90. Perzentil, Werktage), nach Versanddienstleister
console-analytics-4 = Probleme pro abgeschlossenem Paket, nach Versanddienstleister
console-analytics-5 = Innerhalb des voraussichtlichen Zeitfensters zugestellt, nach Versanddienstleister
console-analytics-6 = Gesendete Nachrichten, nach Kanal
console-analytics-7 = Aufrufe der Tracking-Seite pro Tag
console-analytics-more = Alle Analysen: jedes Diagramm, nach Versanddienstleister und Route, für jeden Zeitraum
