# Consola comerciantului — română. Tradusă din sursa în engleză (locales/en/console.ftl);
# un mesaj care lipsește aici este afișat în engleză.

console = Consolă
console-sign-in = Autentificare
console-sign-in-intro = Autentificați-vă în { $product } cu adresa de e-mail la care echipa dumneavoastră v-a trimis invitația.
console-email = Adresă de e-mail
console-password = Parolă
console-password-hint = Cel puțin 12 caractere. O frază din câteva cuvinte este ușor de reținut și greu de ghicit.
console-sign-in-refused = Adresa de e-mail și parola nu corespund niciunui cont.
console-sign-in-limited = Prea multe încercări. Așteptați câteva minute și încercați din nou.
console-form-expired = Formularul a expirat. Vă rugăm să încercați din nou.
console-sign-out = Deconectare
console-signed-in-as = Conectat ca { $email } ({ $role })
console-role-owner = proprietar
console-role-admin = administrator
console-role-agent = agent de asistență
console-role-viewer = cititor
console-invitation = Alăturați-vă echipei { $merchant }
console-invitation-intro = { $merchant } vă invită în consola sa cu rolul de { $role }. Alegeți o parolă pentru a finaliza.
console-invitation-gone = Acest link a fost deja folosit sau a expirat. Cereți unul nou proprietarului echipei dumneavoastră.
console-set-password = Setați parola și autentificați-vă
console-password-invalid = Parola este prea scurtă sau prea lungă: folosiți între 12 și 128 de caractere.
console-forbidden = Rolul dumneavoastră nu permite accesul la această pagină. Dacă aveți nevoie de ea, adresați-vă proprietarului echipei.
console-shipments = Expedieri
console-all-statuses = Toate stările
console-filter = Filtrați
console-status = Stare
console-tracking-number = Număr AWB
console-order = Comandă
console-carrier = Curier
console-created = Data creării
console-no-shipments = Nicio expediere deocamdată. Înregistrați una prin API (POST /api/v1/shipments).
console-next-page = Expedieri mai vechi
console-first-page = Cele mai noi expedieri
console-shipment = Expedierea { $number }
console-timeline = Istoric
console-raw-code = Codul curierului
console-customer-page = Pagina de urmărire a clientului
console-events-none = Nicio scanare deocamdată.
console-back = Toate expedierile
console-status-pending = Înregistrat
console-status-info_received = AWB generat
console-status-in_transit = În tranzit
console-status-out_for_delivery = În livrare
console-status-failed_attempt = Încercare de livrare
console-status-available_for_pickup = Gata de ridicare
console-status-delivered = Livrat
console-status-exception = Problemă
console-status-return_to_sender = Retur către expeditor
console-status-expired = Expirat
console-status-cancelled = Urmărire oprită
console-when = Data
console-scan = Scanare
console-actions = Acțiuni
console-refresh = Actualizați acum
console-cancel = Opriți urmărirea
console-cancel-confirm = Înțeleg: linkul clientului nu va mai funcționa, iar datele sale personale vor fi șterse.
console-messages = Mesaje
console-messages-none = Niciun mesaj pentru acest colet deocamdată.
console-trigger = Mesaj
console-channel = Canal
console-outcome = Rezultat
console-why = Motiv
console-send-again = Retrimiteți
console-notice-refreshed = Curierul va fi interogat din nou în câteva momente.
console-notice-too-soon = Acest colet tocmai a fost actualizat; încercați din nou puțin mai târziu.
console-notice-not-tracked = Acest colet nu mai este urmărit.
console-notice-cancelled = Urmărirea a fost oprită; datele personale ale clientului au fost șterse.
console-notice-confirm = Bifați caseta pentru a confirma.
console-notice-resent = Mesajul a fost pus din nou în coada de trimitere.
console-notice-not-resent = Doar un mesaj eșuat sau omis poate fi retrimis.
console-team = Echipă
console-member = Membru
console-role = Rol
console-state = Stare
console-active = Activ
console-invited = Invitat
console-invite = Invitați
console-invite-link = Trimiteți acest link către { $email }; funcționează o singură dată, timp de o săptămână: { $url }
console-invite-mailed = Am trimis o invitație prin e-mail către { $email }. Același link, afișat doar acum, funcționează o singură dată, timp de o săptămână: { $url }
console-remove = Eliminați
console-notice-removed = Membrul a fost eliminat; sesiunile sale au fost închise.
console-notice-last-owner = Ultimul proprietar al echipei nu poate fi eliminat.
console-notice-taken = Această adresă de e-mail are deja un cont în consolă.
console-notice-bad-email = Aceasta nu este o adresă de e-mail validă.
console-search = Căutare
console-search-hint = Număr AWB exact, număr de comandă sau adresa de e-mail a clientului
console-search-none = Niciun rezultat pentru „{ $query }”.
console-keys = Chei API
console-key = Cheie
console-key-hint = Se termină în
console-last-used = Ultima utilizare
console-never = niciodată
console-new-key = Creați o cheie nouă
console-new-key-shown = Cheia dumneavoastră nouă, afișată doar acum: { $key }
console-revoke = Revocați
console-notice-revoked = Cheia a fost revocată; este refuzată imediat.
console-notice-last-key = Un magazin păstrează cel puțin o cheie: creați alta înainte de a o revoca pe aceasta.
console-notice-too-many-keys = Un magazin poate avea cel mult 2 chei active: revocați mai întâi una.
console-audit = Jurnal de audit
console-who = Cine
console-what = Ce
console-target = Țintă
console-changes = Modificări
console-operator = operatorul
console-sign-out-everywhere = Deconectare de pe toate dispozitivele
console-branding = Identitate vizuală
console-carriers = Curieri
console-field-name = Numele magazinului
console-field-brand-color = Culoarea mărcii
console-field-support-email = E-mail de asistență
console-field-support-url = Pagina de asistență
console-field-lookup-slug = Adresa de căutare a comenzilor
console-hint-brand-color = Butoanele și titlurile o folosesc ca fundal pentru text alb, deci trebuie să fie suficient de închisă pentru a fi lizibilă: un contrast de cel puțin 4,5:1 (WCAG AA). Albastrul shipmate (#2b5f8a) înseamnă că nu aveți o culoare proprie.
console-hint-lookup-slug = Clienții găsesc o comandă la /track/ urmat de această valoare: între 3 și 40 de litere, cifre și cratime (nu la început sau la sfârșit). Necompletat: ID-ul magazinului.
console-save = Salvați
console-preview = Previzualizare
console-preview-page = Pagina de urmărire
console-preview-email = E-mailul „Expediat”
console-notice-saved = Salvat. Clienții vor vedea modificarea la următoarea vizită.
console-logo = Logo
console-logo-none = Încă nu există un logo: paginile afișează numele magazinului.
console-logo-current = Logoul pe care îl văd clienții
console-field-logo = Fișierul logoului
console-hint-logo = PNG, JPEG, WebP sau SVG, cel mult 1 MiB. Imaginile sunt redimensionate pentru a încăpea în 600 × 200 de pixeli și salvate din nou ca PNG; un SVG nu poate conține scripturi sau linkuri către alte fișiere.
console-logo-upload = Încărcați logoul
console-logo-remove = Eliminați logoul
console-logo-choose = Alegeți un fișier de încărcat.
console-notice-logo-saved = Noul logo apare acum pe paginile dumneavoastră.
console-notice-logo-removed = Logoul a fost eliminat: paginile afișează numele magazinului.
console-detect = Ce curier?
console-detect-hint = Lipiți un număr AWB pentru a vedea ce curieri l-ar fi putut emite.
console-detect-none = Niciun curier cunoscut de shipmate nu emite numere ca acesta.
console-check-digit = cifră de control greșită
console-credentials-keep = Lăsați goale câmpurile de mai sus pentru a păstra datele de acces salvate (dacă modificați doar rata sau frecvența).
console-connected = Conectat din { $when } cu contul care se termină în { $hint }.
console-gate-ok = Răspunde normal.
console-gate-open = Eșecuri consecutive: { $failures }. În pauză până la { $until }; atunci se face o nouă încercare.
console-gate-held = Curierul ne-a cerut să așteptăm până la { $until }.
console-last-error = Ultima eroare ({ $when }): { $error }
console-cred-client-id = ID client
console-cred-client-secret = Secret client
console-cred-api-key = Cheie API
console-cred-username = Nume de utilizator
console-cred-password = Parolă
console-rate = Cereri pe secundă
console-rate-hint = De la 0,01 la 1000; necompletat: limita platformei pentru acest curier.
console-cadence = Frecvența interogării
console-cadence-hint = Stare=interval, separate prin virgulă, de la 1m la 7d (de ex. in_transit=30m, out_for_delivery=10m); necompletat: frecvența platformei.
console-test = Testați conexiunea
console-notice-carrier-saved = Salvat. Datele de acces sunt criptate și nu vor mai fi afișate.
console-notice-carrier-removed = Contul a fost eliminat; contul platformei (dacă există) preia din nou interogarea.
console-notice-test-ok = Curierul a acceptat datele de acces.
console-notice-test-refused = Curierul a refuzat aceste date de acces.
console-notice-test-wait = Contul trebuie să aștepte înainte de următoarea cerere; încercați din nou puțin mai târziu.
console-notice-test-failed = Curierul nu a putut fi contactat; eroarea sa apare pe card.
console-notice-not-connected = Salvați datele de acces înainte de a le testa.
console-notice-accounts-off = Conturile de curier proprii ale magazinelor sunt dezactivate pe acest server: operatorul trebuie să seteze security.credential_keys.
console-matrix = Ce mesaje se trimit pe fiecare canal
console-channel-email = E-mail
console-channel-sms = SMS
console-channel-whatsapp = WhatsApp
console-channel-outbox = Căsuță de ieșire (fișiere)
console-trigger-shipped = Expediat
console-trigger-in-transit = În tranzit
console-trigger-delay = Întârziat
console-trigger-eta-changed = Nouă dată de livrare
console-trigger-out-for-delivery = În livrare
console-trigger-failed-attempt = Încercare de livrare eșuată
console-trigger-available-for-pickup = Gata de ridicare
console-trigger-delivered = Livrat
console-trigger-return-to-sender = Se întoarce la magazin
console-trigger-feedback-request = Cerere de evaluare
console-channel-order = Ordinea canalelor
console-channel-order-hint = Încercate în această ordine, separate prin virgulă (email, sms, whatsapp): dacă clientul nu are datele de contact respective sau mesajul nu poate fi livrat, se trece la următorul.
console-daily-cap = Actualizări pe colet pe zi
console-daily-cap-hint = Cel mult 50; 0: fără limită; necompletat: limita platformei ({ $platform }). Mesajele care cer o acțiune din partea clientului și mesajul final se trimit întotdeauna.
console-feedback-after = Cereri de evaluare după livrare
console-feedback-after-hint = Cel mult 3 intervale, separate prin virgulă, fiecare între 1h și 30d (de ex. 2h, 3d); necompletat: cele ale platformei.
console-review-url = Link de recenzie pentru clienții mulțumiți
console-make-good = Livrări întârziate
console-make-good-hint = Un colet livrat cu mai multe zile de întârziere față de data promisă decât numărul de mai jos primește acest text în mesajul de livrare și pe pagina sa; dacă activați codurile, fiecare astfel de client primește și un cod de reducere din rezerva dumneavoastră (o singură dată per client). Coduri rămase în rezervă: { $left }. Încărcați coduri cu POST /api/v1/make-good/codes.
console-make-good-text = Scuze și ofertă (necompletat: dezactivat)
console-make-good-days = Zile de întârziere de la care se aplică
console-make-good-codes = Adăugați un cod de reducere din rezervă
console-make-good-low = Avertizare prin webhook când rămân doar atâtea coduri
console-suggestions = „S-ar putea să-ți placă și” în e-mailul de livrare
console-suggestion-name = Nume
console-suggestion-url = Link
console-quiet-hours = SMS-urile și mesajele WhatsApp așteaptă sfârșitul acestui interval, în fusul orar al clientului, de ex. 21:00-08:00; off: niciun interval; necompletat: intervalul platformei, { $from }–{ $to }.
console-quiet-hours-none = SMS-urile și mesajele WhatsApp așteaptă sfârșitul acestui interval, în fusul orar al clientului, de ex. 21:00-08:00; off: niciun interval; necompletat: intervalul platformei (niciunul).
console-preview-message = Previzualizați un mesaj
console-language = Limbă
console-sms-length = Caractere: { $characters }; mesaje: { $segments } ({ $encoding })
console-feedback = Evaluări
console-responses = Răspunsuri (30 de zile)
console-csat = Nota medie
console-satisfied = Mulțumiți (4–5)
console-nps = NPS
console-on-time = Nota pentru livrări la timp
console-late = Nota pentru livrări întârziate
console-rating-max = Notă de cel mult
console-any = Oricare
console-source = Sursă
console-export-csv = Exportați ca CSV
console-rating = Notă
console-comment = Comentariu
console-detractor = Detractor
console-feedback-none = Niciun răspuns nu corespunde.
console-next = Mai vechi
console-parcel = Colet
console-preview-unsaved = Previzualizare a valorilor de mai jos: nimic nu se salvează până nu apăsați Salvați.

## Filtre pentru expedieri și lista de supraveghere
console-all-carriers = Toți curierii
console-needs-attention = Necesită atenție
console-created-from = Create de la
console-created-to = Create până la
console-filter-bad = Nu s-a aplicat filtrul: verificați { $fields }.
console-attention-exception = Problemă
console-attention-failed_attempt = Încercare de livrare
console-attention-return_to_sender = În retur
console-attention-stalled = Fără vești recente
console-attention-forgotten = Fără vești de mult timp
console-attention-late = Întârziat

## Privire de ansamblu
console-overview = Privire de ansamblu
console-by-status = Colete după stare
console-see-all = Vedeți-le pe toate
console-all-calm = Nimic nu necesită atenție în acest moment.
console-sent-today = Mesaje trimise astăzi
console-none-sent = Niciun mesaj trimis astăzi deocamdată.
console-feedback-week = Evaluările din această săptămână
console-answers = Răspunsuri
console-average-rating = Nota medie
console-detractors = Detractori
console-channel-webhook = Webhookuri

## Un mesaj
console-message = Mesaj
console-subject = Subiect
console-message-text = Conținut
console-message-note = Generat din nou pe baza expedierii în starea ei actuală, în limba clientului.
console-back-to-shipment = Înapoi la expediere
console-open = Deschideți
console-qr = Cod QR pentru ambalaj
console-qr-hint = Deschide pagina acestui colet: urmărirea înainte de livrare, evaluarea după aceea.
console-insert = Fluturaș de imprimat
console-qr-alt = Codul QR al paginii coletului

## Webhookuri
console-webhooks = Webhookuri
console-endpoint = URL-ul endpointului
console-events = Evenimente
console-events-all = Toate evenimentele
console-events-hint = Niciunul bifat: toate evenimentele.
console-enabled = Activ
console-disabled = Dezactivat
console-webhooks-none = Niciun endpoint deocamdată.
console-webhook-add = Adăugați un endpoint
console-webhook-url-hint = O adresă https accesibilă de pe internet; fiecare notificare este semnată (Standard Webhooks).
console-disable = Dezactivați
console-enable = Activați
console-webhook-remove-confirm = Eliminați-l
console-deliveries = Notificări trimise
console-deliveries-none = Nicio notificare trimisă deocamdată.
console-event = Eveniment
console-http-status = Cod de stare HTTP
console-response-time = Timp de răspuns
console-replay = Retrimiteți
console-webhook-secret-shown = Secretul de semnare al endpointului, afișat doar acum: { $secret }
console-notice-replayed = Pusă în coadă: notificarea va fi retrimisă în câteva momente, cu același webhook-id.
console-notice-not-replayed = Nu a fost retrimisă: notificarea este încă în coadă sau endpointul este dezactivat.
console-notice-webhook-saved = Salvat.
console-notice-webhook-removed = Endpointul a fost eliminat.

## Filtre pentru evaluări
console-delivery = Livrare
console-delivered-on-time = La timp
console-delivered-late = Cu întârziere

## E-mailuri către echipă
console-mail-invitation-subject = Invitație în consola shipmate a magazinului { $shop }
console-mail-invitation-body =
    Bună ziua,

    { $shop } vă invită în consola sa shipmate, unde magazinul își urmărește coletele, mesajele și evaluările clienților.

    Alegeți-vă parola aici (linkul funcționează o singură dată și este valabil timp de { $hours } h):
    { $link }

    Dacă nu vă așteptați la această invitație, ignorați acest e-mail.
console-mail-reset-subject = Alegeți o parolă nouă pentru consola shipmate a magazinului { $shop }
console-mail-reset-body =
    Bună ziua,

    Cineva a cerut alegerea unei parole noi pentru contul dumneavoastră din consola shipmate a magazinului { $shop }.

    Alegeți-o aici (linkul funcționează o singură dată și este valabil timp de { $hours } h; celelalte sesiuni ale dumneavoastră se vor închide):
    { $link }

    Dacă nu ați fost dumneavoastră, ignorați acest e-mail: parola rămâne neschimbată.

## Resetarea parolei
console-forgot = Ați uitat parola?
console-reset-title = Alegeți o parolă nouă
console-reset-intro = Introduceți adresa de e-mail a contului: vă vom trimite prin e-mail un link pentru a alege o parolă nouă.
console-reset-send = Trimiteți-mi un link prin e-mail
console-reset-sent = Dacă există un cont pentru această adresă, linkul este pe drum. Funcționează o singură dată, pentru o perioadă limitată.
console-reset-no-email = Acest server nu trimite e-mailuri. Cereți proprietarului magazinului să vă invite din nou.

console-quiet-hours-label = Ore de liniște

# Importuri
console-imports = Importuri
console-import-heading = Importați expedieri dintr-un fișier
console-import-help = Un fișier CSV (cu virgulă sau punct și virgulă ca separator și un prim rând cu numele coloanelor) sau NDJSON. Fiecare rând are nevoie de un tracking_number și de un număr de comandă; numele de coloane din AfterShip funcționează ca atare: courier, order_id, title, customer_name, email, sms, destination_country. La fel și ale noastre: carrier, order_number, promised_by (2026-12-01), language, items (Cană x 2 | Prosop). Rândurile deja înregistrate rămân neschimbate.
console-import-file = Fișier
console-import-start = Importați
console-import-choose = Alegeți un fișier de importat.
console-import-recent = Importuri recente
console-import-file-name = Fișier
console-import-status-receiving = Se primește
console-import-status-running = Se importă
console-import-status-done = Finalizat
console-import-status-failed = Oprit
console-import-rows = Rânduri
console-import-created = Create
console-import-existing = Deja cunoscute
console-import-failed = Eșuate
console-import-progress = Progres
console-import-one = Import: { $name }
console-import-unnamed = fișier fără nume
console-import-refreshing = Această pagină se actualizează singură până la finalizarea importului.
console-import-failures = Rânduri eșuate
console-import-row = Rând
console-import-reason = Motiv
console-import-download = Descărcați rândurile eșuate (CSV) pentru a le corecta și a le încărca din nou
console-import-none-failed = Niciun rând nu a eșuat.
console-import-ignored = Coloane necitite: { $columns }
console-import-busy = Încă rulează importuri: porniți altul după ce se termină unul.

# Magazine
console-stores = Magazine
console-stores-heading = Coletele din magazinul dumneavoastră
console-stores-intro = Conectați magazinul Shopify sau WooCommerce și fiecare colet pe care îl expediază devine automat o expediere urmărită: shipmate verifică semnătura fiecărui webhook, preia fiecare eveniment o singură dată și, la fiecare 15 minute, cere magazinului tot ce a scăpat vreunui webhook.
console-stores-off = Operatorul nu a setat security.credential_keys, așa că magazinele nu pot fi conectate: secretele lor nu ar putea fi păstrate criptate.
console-stores-not-connected = Neconectat.
console-stores-connected = Conectat la { $shop } (modificat: { $when }).
console-stores-webhook-url = URL-ul webhookului, de lipit în magazin:
console-stores-keep = Câmpurile secrete lăsate goale își păstrează valoarea salvată.
console-stores-save = Salvați
console-stores-remove = Deconectați
console-stores-shopify-steps = În panoul de administrare Shopify: Setări → Notificări → Webhookuri → Creați un webhook, pentru „Fulfillment creation” și încă o dată pentru „Fulfillment update”, format JSON, cu URL-ul de mai sus. Lipiți aici cheia cu care, conform acelei pagini, sunt semnate webhookurile dumneavoastră (sau secretul client al aplicației), precum și un token Admin API care poate citi comenzile.
console-stores-woocommerce-steps = În WooCommerce: Setări → Avansate → Webhookuri → Adaugă webhook, subiectul „Comandă actualizată”, URL-ul de mai sus ca URL de livrare și un secret; lipiți acel secret aici. Apoi Setări → Avansate → REST API → Adaugă cheie (citire): lipiți cheia și secretul de consumator. Numerele AWB sunt citite din extensia Shipment Tracking.
console-stores-shop = Magazin (acme.myshopify.com)
console-stores-site = Adresa magazinului (https://shop.example)
console-stores-secret = Secret de semnare
console-stores-secret2 = Al doilea secret de semnare (cât timp îl schimbați pe primul)
console-stores-token = Token de acces Admin API
console-stores-consumer-key = Cheie de consumator
console-stores-consumer-secret = Secret de consumator
console-stores-carrier-names = Denumirile dumneavoastră pentru curieri, câte una pe rând: Acme Express = dhl
console-notice-store-saved = Magazinul este conectat. Următorul său webhook îi va aduce coletele.
console-notice-store-removed = Magazinul este deconectat: webhookurile sale sunt refuzate de acum înainte.
console-analytics = Statistici
console-analytics-from = De la
console-analytics-to = Până la
console-analytics-carrier = Codul curierului
console-analytics-lane = Rută (țară-regiune)
console-analytics-table = Cifrele
console-analytics-definitions = Ce înseamnă fiecare indicator
console-analytics-feedback = Evaluările clienților pe curieri și pentru livrările la timp față de cele întârziate: vedeți Evaluări
console-analytics-make-good = Colete întârziate compensate: { $given }; dintre acești clienți, au comandat din nou: { $again }.
console-analytics-0 = Colete livrate pe zi
console-analytics-1 = Livrate la timp față de data promisă, pe curieri
console-analytics-2 = Livrate la timp față de data promisă, pe rute
console-analytics-3 = Timp de tranzit (percentila 90, zile lucrătoare), pe curieri
console-analytics-4 = Probleme per colet finalizat, pe curieri
console-analytics-5 = Livrate în intervalul estimat, pe curieri
console-analytics-6 = Mesaje trimise, pe canale
console-analytics-7 = Vizualizări ale paginii de urmărire pe zi
console-analytics-more = Toate statisticile: fiecare grafic, pe curieri și rute, pentru orice perioadă
