# Konsola sprzedawcy — polski. Przetłumaczone z angielskiego źródła (locales/en/console.ftl);
# wiadomość, której tu brakuje, jest wyświetlana po angielsku.

console = Konsola
console-sign-in = Zaloguj się
console-sign-in-intro = Zaloguj się do { $product }, używając adresu e-mail, na który Twój zespół wysłał zaproszenie.
console-email = Adres e-mail
console-password = Hasło
console-password-hint = Co najmniej 12 znaków. Fraza z kilku słów jest łatwa do zapamiętania i trudna do odgadnięcia.
console-sign-in-refused = Ten adres e-mail i to hasło nie pasują do żadnego konta.
console-sign-in-limited = Zbyt wiele prób. Odczekaj kilka minut i spróbuj ponownie.
console-form-expired = Formularz wygasł. Spróbuj ponownie.
console-sign-out = Wyloguj się
console-signed-in-as = Zalogowano jako { $email } ({ $role })
console-role-owner = właściciel
console-role-admin = administrator
console-role-agent = konsultant
console-role-viewer = obserwator
console-invitation = Dołącz do zespołu { $merchant }
console-invitation-intro = Zaproszono Cię do konsoli sklepu { $merchant } w roli: { $role }. Aby zakończyć, ustaw hasło.
console-invitation-gone = Ten link został już użyty lub wygasł. Poproś właściciela zespołu o nowy.
console-set-password = Ustaw hasło i zaloguj się
console-password-invalid = Hasło jest za krótkie lub za długie: użyj od 12 do 128 znaków.
console-forbidden = Twoja rola nie daje dostępu do tej strony. Jeśli jej potrzebujesz, poproś właściciela zespołu.
console-shipments = Przesyłki
console-all-statuses = Wszystkie statusy
console-filter = Filtruj
console-status = Status
console-tracking-number = Numer przesyłki
console-order = Zamówienie
console-carrier = Przewoźnik
console-created = Utworzono
console-no-shipments = Nie ma jeszcze żadnych przesyłek. Zarejestruj pierwszą przez API (POST /api/v1/shipments).
console-next-page = Starsze przesyłki
console-first-page = Najnowsze przesyłki
console-shipment = Przesyłka { $number }
console-timeline = Historia przesyłki
console-raw-code = Kod przewoźnika
console-customer-page = Strona śledzenia dla klienta
console-events-none = Nie ma jeszcze żadnych skanów.
console-back = Wszystkie przesyłki
console-status-pending = Zarejestrowana
console-status-info_received = Etykieta utworzona
console-status-in_transit = W drodze
console-status-out_for_delivery = W doręczeniu
console-status-failed_attempt = Próba doręczenia
console-status-available_for_pickup = Gotowa do odbioru
console-status-delivered = Doręczona
console-status-exception = Problem
console-status-return_to_sender = Wraca do nadawcy
console-status-expired = Wygasła
console-status-cancelled = Śledzenie zakończone
console-when = Kiedy
console-scan = Skan
console-actions = Akcje
console-refresh = Odśwież teraz
console-cancel = Zakończ śledzenie
console-cancel-confirm = Rozumiem: link klienta przestanie działać, a jego dane osobowe zostaną usunięte.
console-messages = Wiadomości
console-messages-none = Do tej paczki nie wysłano jeszcze żadnych wiadomości.
console-trigger = Wiadomość
console-channel = Kanał
console-outcome = Wynik
console-why = Powód
console-send-again = Wyślij ponownie
console-notice-refreshed = Za chwilę ponownie zapytamy przewoźnika.
console-notice-too-soon = Ta paczka została odświeżona przed chwilą; spróbuj ponownie za moment.
console-notice-not-tracked = Ta paczka nie jest już śledzona.
console-notice-cancelled = Śledzenie zakończone; dane osobowe klienta zostały usunięte.
console-notice-confirm = Zaznacz pole, aby potwierdzić.
console-notice-resent = Wiadomość ponownie trafiła do kolejki.
console-notice-not-resent = Ponownie można wysłać tylko wiadomość, której wysyłka się nie powiodła lub została pominięta.
console-team = Zespół
console-member = Członek zespołu
console-role = Rola
console-state = Stan
console-active = Aktywny
console-invited = Zaproszony
console-invite = Zaproś
console-invite-link = Wyślij ten link na adres { $email }; działa jednorazowo przez tydzień: { $url }
console-invite-mailed = Wysłaliśmy zaproszenie na adres { $email }. Ten sam link, wyświetlany tylko teraz, działa jednorazowo przez tydzień: { $url }
console-remove = Usuń
console-notice-removed = Członek zespołu został usunięty, a jego sesje zakończone.
console-notice-last-owner = Nie można usunąć ostatniego właściciela zespołu.
console-notice-taken = Ten adres e-mail ma już konto w konsoli.
console-notice-bad-email = To nie jest prawidłowy adres e-mail.
console-search = Szukaj
console-search-hint = Dokładny numer przesyłki, numer zamówienia lub e-mail klienta
console-search-none = Brak wyników dla „{ $query }”.
console-keys = Klucze API
console-key = Klucz
console-key-hint = Końcówka
console-last-used = Ostatnio użyty
console-never = nigdy
console-new-key = Utwórz nowy klucz
console-new-key-shown = Twój nowy klucz, wyświetlany tylko ten jeden raz: { $key }
console-revoke = Unieważnij
console-notice-revoked = Klucz został unieważniony i od teraz jest odrzucany.
console-notice-last-key = Sklep musi mieć co najmniej jeden klucz: utwórz nowy, zanim unieważnisz ten.
console-notice-too-many-keys = Sklep może mieć najwyżej 2 aktywne klucze: najpierw unieważnij jeden z nich.
console-audit = Dziennik zdarzeń
console-who = Kto
console-what = Co
console-target = Dotyczy
console-changes = Zmiany
console-operator = operator platformy
console-sign-out-everywhere = Wyloguj się ze wszystkich urządzeń
console-branding = Marka
console-carriers = Przewoźnicy
console-field-name = Nazwa sklepu
console-field-brand-color = Kolor marki
console-field-support-email = E-mail obsługi klienta
console-field-support-url = Strona pomocy
console-field-lookup-slug = Adres wyszukiwania zamówień
console-hint-brand-color = Przyciski i nagłówki używają go jako tła dla białego tekstu, więc musi być na tyle ciemny, by tekst był czytelny: kontrast co najmniej 4,5:1 (WCAG AA). Niebieski kolor shipmate (#2b5f8a) oznacza brak własnego koloru.
console-hint-lookup-slug = Klienci znajdują zamówienie pod adresem /track/, po którym następuje ta wartość: od 3 do 40 liter, cyfr i łączników (nie na początku ani na końcu). Puste: identyfikator sklepu.
console-save = Zapisz
console-preview = Podgląd
console-preview-page = Strona śledzenia
console-preview-email = E-mail „Wysłano”
console-notice-saved = Zapisano. Klienci zobaczą zmianę przy następnej wizycie.
console-logo = Logo
console-logo-none = Nie dodano jeszcze logo: strony pokazują nazwę sklepu.
console-logo-current = Logo widoczne dla klientów
console-field-logo = Plik z logo
console-hint-logo = PNG, JPEG, WebP lub SVG, maksymalnie 1 MiB. Obrazy są skalowane tak, by zmieściły się w 600 × 200 pikseli, i zapisywane ponownie jako PNG; plik SVG nie może zawierać skryptów ani odwołań do innych plików.
console-logo-upload = Prześlij logo
console-logo-remove = Usuń logo
console-logo-choose = Wybierz plik do przesłania.
console-notice-logo-saved = Nowe logo jest już widoczne na Twoich stronach.
console-notice-logo-removed = Logo zostało usunięte: strony pokazują nazwę sklepu.
console-detect = Który przewoźnik?
console-detect-hint = Wklej numer przesyłki, aby sprawdzić, którzy przewoźnicy mogli go nadać.
console-detect-none = Żaden przewoźnik znany shipmate nie nadaje numerów w takim formacie.
console-check-digit = błędna cyfra kontrolna
console-credentials-keep = Pozostaw powyższe pola puste, aby zachować zapisane dane logowania (i zmienić tylko limit zapytań lub częstotliwość odpytywania).
console-connected = Połączono z kontem kończącym się na { $hint } (od { $when }).
console-gate-ok = Odpowiada normalnie.
console-gate-open = Wstrzymano do { $until } po serii błędów z rzędu (liczba: { $failures }); wtedy zostanie wykonana jedna próba.
console-gate-held = Przewoźnik poprosił o wstrzymanie zapytań do { $until }.
console-last-error = Ostatni błąd ({ $when }): { $error }
console-cred-client-id = ID klienta
console-cred-client-secret = Sekret klienta
console-cred-api-key = Klucz API
console-cred-username = Nazwa użytkownika
console-cred-password = Hasło
console-rate = Zapytania na sekundę
console-rate-hint = Od 0,01 do 1000; puste: limit platformy dla tego przewoźnika.
console-cadence = Częstotliwość odpytywania
console-cadence-hint = status=odstęp, oddzielone przecinkami, od 1m do 7d (np. in_transit=30m, out_for_delivery=10m); puste: ustawienie platformy.
console-test = Sprawdź połączenie
console-notice-carrier-saved = Zapisano. Dane logowania są zaszyfrowane i nie zostaną ponownie wyświetlone.
console-notice-carrier-removed = Konto zostało usunięte; odpytywanie znów przejmuje konto platformy (jeśli istnieje).
console-notice-test-ok = Przewoźnik zaakceptował dane logowania.
console-notice-test-refused = Przewoźnik odrzucił te dane logowania.
console-notice-test-wait = Konto musi odczekać przed kolejnym zapytaniem; spróbuj ponownie za chwilę.
console-notice-test-failed = Nie udało się połączyć z przewoźnikiem; szczegóły błędu są na karcie.
console-notice-not-connected = Zapisz dane logowania, zanim je przetestujesz.
console-notice-accounts-off = Własne konta przewoźników dla sklepów są na tym serwerze wyłączone: operator musi ustawić security.credential_keys.
console-matrix = Które wiadomości są wysyłane którym kanałem
console-channel-email = E-mail
console-channel-sms = SMS
console-channel-whatsapp = WhatsApp
console-channel-outbox = Skrzynka nadawcza (pliki)
console-trigger-shipped = Wysłano
console-trigger-in-transit = W drodze
console-trigger-delay = Opóźnienie
console-trigger-eta-changed = Nowy termin dostawy
console-trigger-out-for-delivery = W doręczeniu
console-trigger-failed-attempt = Nieudana próba doręczenia
console-trigger-available-for-pickup = Gotowa do odbioru
console-trigger-delivered = Doręczono
console-trigger-return-to-sender = Wraca do sklepu
console-trigger-feedback-request = Prośba o opinię
console-channel-order = Kolejność kanałów
console-channel-order-hint = Kanały próbowane w tej kolejności, oddzielone przecinkami (email, sms, whatsapp): jeśli klient nie ma danego kontaktu albo wiadomości nie da się dostarczyć, używany jest następny kanał.
console-daily-cap = Dzienny limit aktualizacji na paczkę
console-daily-cap-hint = Maksymalnie 50; 0: bez limitu; puste: ustawienie platformy ({ $platform }). Wiadomości wymagające działania klienta i o końcowym wyniku dostawy są wysyłane zawsze.
console-feedback-after = Prośby o opinię po doręczeniu
console-feedback-after-hint = Maksymalnie 3 opóźnienia oddzielone przecinkami, każde od 1h do 30d (np. 2h, 3d); puste: ustawienie platformy.
console-review-url = Link do opinii dla zadowolonych klientów
console-make-good = Spóźnione dostawy
console-make-good-hint = Paczka doręczona z opóźnieniem większym niż podana niżej liczba dni otrzymuje ten tekst w wiadomości o doręczeniu i na swojej stronie; gdy kody są włączone, każdy taki klient dostaje też jeden kod rabatowy z Twojej puli (raz na klienta). Pozostałe kody w puli: { $left }. Kody prześlij przez POST /api/v1/make-good/codes.
console-make-good-text = Przeprosiny i oferta (puste: wyłączone)
console-make-good-days = Liczba dni opóźnienia, od której obowiązuje
console-make-good-codes = Dołącz kod rabatowy z puli
console-make-good-low = Ostrzegaj webhookiem, gdy w puli zostanie tyle kodów
console-suggestions = „Może Ci się spodobać” w e-mailu o doręczeniu
console-suggestion-name = Nazwa
console-suggestion-url = Link
console-quiet-hours = SMS-y i wiadomości WhatsApp czekają, aż minie ten przedział w strefie czasowej klienta, np. 21:00-08:00; off: brak; puste: ustawienie platformy, { $from }–{ $to }.
console-quiet-hours-none = SMS-y i wiadomości WhatsApp czekają, aż minie ten przedział w strefie czasowej klienta, np. 21:00-08:00; off: brak; puste: ustawienie platformy (brak).
console-preview-message = Podgląd wiadomości
console-language = Język
console-sms-length = Znaki: { $characters }, części SMS: { $segments } ({ $encoding })
console-feedback = Opinie
console-responses = Odpowiedzi (30 dni)
console-csat = Średnia ocena
console-satisfied = Zadowoleni (4–5)
console-nps = NPS
console-on-time = Ocena przy dostawie na czas
console-late = Ocena przy opóźnieniu
console-rating-max = Ocena co najwyżej
console-any = Wszystkie
console-source = Źródło
console-export-csv = Eksportuj do CSV
console-rating = Ocena
console-comment = Komentarz
console-detractor = Krytyk
console-feedback-none = Brak pasujących odpowiedzi.
console-next = Starsze
console-parcel = Paczka
console-preview-unsaved = Podgląd wartości poniżej: nic nie zostanie zapisane, dopóki nie klikniesz „Zapisz”.

## Filtry przesyłek i lista obserwowanych
console-all-carriers = Wszyscy przewoźnicy
console-needs-attention = Wymaga uwagi
console-created-from = Utworzono od
console-created-to = Utworzono do
console-filter-bad = Filtr nie został zastosowany — sprawdź: { $fields }.
console-attention-exception = Problem
console-attention-failed_attempt = Próba doręczenia
console-attention-return_to_sender = Wraca do nadawcy
console-attention-stalled = Ostatnio bez wieści
console-attention-forgotten = Długo bez wieści
console-attention-late = Opóźniona

## Przegląd
console-overview = Przegląd
console-by-status = Paczki według statusu
console-see-all = Zobacz wszystkie
console-all-calm = Nic nie wymaga teraz uwagi.
console-sent-today = Wiadomości wysłane dzisiaj
console-none-sent = Dzisiaj nie wysłano jeszcze żadnych wiadomości.
console-feedback-week = Opinie z tego tygodnia
console-answers = Odpowiedzi
console-average-rating = Średnia ocena
console-detractors = Krytycy
console-channel-webhook = Webhooki

## Jedna wiadomość
console-message = Wiadomość
console-subject = Temat
console-message-text = Treść
console-message-note = Wygenerowano ponownie na podstawie obecnego stanu przesyłki, w języku klienta.
console-back-to-shipment = Wróć do przesyłki
console-open = Otwórz
console-qr = Kod QR na opakowanie
console-qr-hint = Otwiera stronę tej paczki: przed doręczeniem śledzenie, po doręczeniu ocenę dostawy.
console-insert = Wkładka do wydruku
console-qr-alt = Kod QR strony paczki

## Webhooki
console-webhooks = Webhooki
console-endpoint = Adres URL punktu końcowego
console-events = Zdarzenia
console-events-all = Wszystkie zdarzenia
console-events-hint = Nic nie zaznaczono: wszystkie zdarzenia.
console-enabled = Włączony
console-disabled = Wyłączony
console-webhooks-none = Nie ma jeszcze punktów końcowych.
console-webhook-add = Dodaj punkt końcowy
console-webhook-url-hint = Adres https dostępny w internecie; każde dostarczenie jest podpisane (Standard Webhooks).
console-disable = Wyłącz
console-enable = Włącz
console-webhook-remove-confirm = Tak, usuń
console-deliveries = Próby dostarczenia
console-deliveries-none = Nic jeszcze nie dostarczono.
console-event = Zdarzenie
console-http-status = Status HTTP
console-response-time = Czas odpowiedzi
console-replay = Wyślij ponownie
console-webhook-secret-shown = Sekret podpisu tego punktu końcowego, wyświetlany tylko ten jeden raz: { $secret }
console-notice-replayed = W kolejce: zdarzenie zostanie za chwilę wysłane ponownie, z tym samym webhook-id.
console-notice-not-replayed = Nie wysłano ponownie: zdarzenie wciąż czeka w kolejce albo punkt końcowy jest wyłączony.
console-notice-webhook-saved = Zapisano.
console-notice-webhook-removed = Punkt końcowy został usunięty.

## Filtry opinii
console-delivery = Dostawa
console-delivered-on-time = Na czas
console-delivered-late = Z opóźnieniem

## E-maile do zespołu
console-mail-invitation-subject = Zaproszenie do konsoli shipmate sklepu { $shop }
console-mail-invitation-body =
    Dzień dobry,

    zapraszamy Cię do konsoli shipmate sklepu { $shop }, w której sklep śledzi swoje paczki, wiadomości i opinie klientów.

    Ustaw hasło tutaj (link działa jednorazowo, przez { $hours } godz.):
    { $link }

    Jeśli nie spodziewasz się tej wiadomości, zignoruj ją.
console-mail-reset-subject = Ustaw nowe hasło do konsoli shipmate sklepu { $shop }
console-mail-reset-body =
    Dzień dobry,

    ktoś poprosił o ustawienie nowego hasła do Twojego konta w konsoli shipmate sklepu { $shop }.

    Ustaw je tutaj (link działa jednorazowo, przez { $hours } godz.; pozostałe sesje zostaną zakończone):
    { $link }

    Jeśli to nie Ty, zignoruj tę wiadomość: Twoje hasło pozostanie bez zmian.

## Resetowanie hasła
console-forgot = Nie pamiętasz hasła?
console-reset-title = Ustaw nowe hasło
console-reset-intro = Podaj adres e-mail swojego konta: wyślemy Ci link do ustawienia nowego hasła.
console-reset-send = Wyślij mi link
console-reset-sent = Jeśli istnieje konto z tym adresem, link jest już w drodze. Działa jednorazowo i przez ograniczony czas.
console-reset-no-email = Ten serwer nie wysyła e-maili. Poproś właściciela sklepu o ponowne zaproszenie.

console-quiet-hours-label = Godziny ciszy

# Importy
console-imports = Import
console-import-heading = Importuj przesyłki z pliku
console-import-help = Plik CSV (separatorem jest przecinek lub średnik, a pierwszy wiersz zawiera nazwy kolumn) albo NDJSON. Każdy wiersz musi zawierać tracking_number i numer zamówienia; nazwy kolumn z AfterShip działają bez zmian: courier, order_id, title, customer_name, email, sms, destination_country. Nasze również: carrier, order_number, promised_by (2026-12-01), language, items (Kubek x 2 | Ręcznik). Wiersze już zarejestrowane pozostają bez zmian.
console-import-file = Plik
console-import-start = Importuj
console-import-choose = Wybierz plik do zaimportowania.
console-import-recent = Ostatnie importy
console-import-file-name = Plik
console-import-status-receiving = Przesyłanie
console-import-status-running = Importowanie
console-import-status-done = Gotowe
console-import-status-failed = Przerwano
console-import-rows = Wiersze
console-import-created = Utworzone
console-import-existing = Już istniejące
console-import-failed = Z błędami
console-import-progress = Postęp
console-import-one = Import: { $name }
console-import-unnamed = plik
console-import-refreshing = Ta strona odświeża się sama aż do zakończenia importu.
console-import-failures = Wiersze z błędami
console-import-row = Wiersz
console-import-reason = Powód
console-import-download = Pobierz wiersze z błędami (CSV), aby je poprawić i przesłać ponownie
console-import-none-failed = Żaden wiersz nie zawierał błędów.
console-import-ignored = Pominięte kolumny: { $columns }
console-import-busy = Importy wciąż trwają: kolejny rozpocznij, gdy któryś się zakończy.

# Sklepy
console-stores = Sklepy
console-stores-heading = Paczki z Twojego sklepu
console-stores-intro = Połącz swój sklep Shopify lub WooCommerce, a każda wysłana z niego paczka automatycznie stanie się śledzoną przesyłką: shipmate sprawdza podpis każdego webhooka, przyjmuje każde zdarzenie tylko raz i co 15 minut pyta sklep o wszystko, czego nie dostarczył webhook.
console-stores-off = Operator nie ustawił security.credential_keys, więc nie można połączyć sklepów: ich sekretów nie dałoby się przechowywać w zaszyfrowanej postaci.
console-stores-not-connected = Nie połączono.
console-stores-connected = Połączono ze sklepem { $shop } (zmiana: { $when }).
console-stores-webhook-url = Adres URL webhooka do wklejenia w sklepie:
console-stores-keep = Puste pola sekretów zachowują zapisane wartości.
console-stores-save = Zapisz
console-stores-remove = Rozłącz
console-stores-shopify-steps = W panelu administracyjnym Shopify: Ustawienia → Powiadomienia → Webhooki → Utwórz webhook, dla zdarzenia „Utworzenie realizacji” (Fulfillment creation) i ponownie dla „Aktualizacja realizacji” (Fulfillment update), format JSON, adres URL podany powyżej. Wklej tutaj klucz, którym według tej strony są podpisywane Twoje webhooki (lub sekret klienta Twojej aplikacji), oraz token Admin API z uprawnieniem do odczytu zamówień.
console-stores-woocommerce-steps = W WooCommerce: Ustawienia → Zaawansowane → Webhooki → Dodaj webhook, temat „Zamówienie zaktualizowane”, adres URL podany powyżej jako adres dostarczania oraz sekret; wklej ten sekret tutaj. Następnie Ustawienia → Zaawansowane → REST API → Dodaj klucz (odczyt): wklej klucz klienta (consumer key) i sekret klienta (consumer secret). Numery przesyłek są odczytywane z rozszerzenia Shipment Tracking.
console-stores-shop = Sklep (acme.myshopify.com)
console-stores-site = Adres sklepu (https://shop.example)
console-stores-secret = Sekret podpisu
console-stores-secret2 = Drugi sekret podpisu (na czas wymiany)
console-stores-token = Token dostępu Admin API
console-stores-consumer-key = Klucz klienta (consumer key)
console-stores-consumer-secret = Sekret klienta (consumer secret)
console-stores-carrier-names = Twoje nazwy przewoźników, jedna w wierszu: Acme Express = dhl
console-notice-store-saved = Sklep jest połączony. Jego kolejny webhook doda paczki.
console-notice-store-removed = Sklep został odłączony: od teraz jego webhooki są odrzucane.
console-analytics = Analityka
console-analytics-from = Od
console-analytics-to = Do
console-analytics-carrier = Kod przewoźnika
console-analytics-lane = Trasa (kraj-region)
console-analytics-table = Dane liczbowe
console-analytics-definitions = Co oznaczają poszczególne wskaźniki
console-analytics-feedback = Opinie klientów według przewoźnika oraz przy dostawie na czas i z opóźnieniem: zobacz Opinie
console-analytics-make-good = Spóźnione paczki z rekompensatą: { $given }; klienci z tej grupy, którzy zamówili ponownie: { $again }.
console-analytics-0 = Paczki doręczone dziennie
console-analytics-1 = Dostawy w obiecanym terminie, według przewoźnika
console-analytics-2 = Dostawy w obiecanym terminie, według trasy
console-analytics-3 = Czas transportu (90. percentyl, dni robocze), według przewoźnika
console-analytics-4 = Problemy na zakończoną paczkę, według przewoźnika
console-analytics-5 = Doręczone w przewidywanym przedziale czasu, według przewoźnika
console-analytics-6 = Wysłane wiadomości, według kanału
console-analytics-7 = Wyświetlenia strony śledzenia dziennie
console-analytics-more = Pełna analityka: wszystkie wykresy, według przewoźnika i trasy, za dowolny okres
