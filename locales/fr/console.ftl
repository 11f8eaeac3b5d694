# La console du marchand — français. Traduite depuis la source anglaise (locales/en/console.ftl) ; un message
# absent retombe sur l'anglais, message par message (un test liste ce qui manque à chaque langue).

console = Console
console-sign-in = Se connecter
console-sign-in-intro = Connectez-vous à { $product } avec l'adresse e-mail qui a reçu l'invitation de votre équipe.
console-email = Adresse e-mail
console-password = Mot de passe
console-password-hint = 12 caractères minimum. Une phrase de quelques mots est facile à retenir et difficile à deviner.
console-sign-in-refused = Cette adresse e-mail et ce mot de passe ne correspondent à aucun compte.
console-sign-in-limited = Trop de tentatives. Patientez quelques minutes, puis réessayez.
console-form-expired = Le formulaire a expiré. Veuillez réessayer.
console-sign-out = Se déconnecter
console-signed-in-as = Connecté en tant que { $email } ({ $role })
console-role-owner = propriétaire
console-role-admin = administrateur
console-role-agent = agent
console-role-viewer = lecteur
console-invitation = Rejoindre { $merchant }
console-invitation-intro = { $merchant } vous invite sur sa console avec le rôle { $role }. Choisissez un mot de passe pour terminer.
console-invitation-gone = Ce lien a déjà été utilisé ou a expiré. Demandez-en un nouveau au propriétaire de votre équipe.
console-set-password = Définir le mot de passe et se connecter
console-password-invalid = Le mot de passe est trop court ou trop long : utilisez de 12 à 128 caractères.
console-forbidden = Votre rôle ne donne pas accès à cette page. Si vous en avez besoin, adressez-vous au propriétaire de votre équipe.
console-shipments = Envois
console-all-statuses = Tous les statuts
console-filter = Filtrer
console-status = Statut
console-tracking-number = Numéro de suivi
console-order = Commande
console-carrier = Transporteur
console-created = Création
console-no-shipments = Aucun envoi pour l'instant. Enregistrez-en un avec l'API (POST /api/v1/shipments).
console-next-page = Envois plus anciens
console-first-page = Envois les plus récents
console-shipment = Envoi { $number }
console-timeline = Parcours
console-raw-code = Code transporteur
console-customer-page = Page de suivi du client
console-events-none = Aucune étape pour l'instant.
console-back = Tous les envois
console-status-pending = En attente
console-status-info_received = Étiquette créée
console-status-in_transit = En transit
console-status-out_for_delivery = En cours de livraison
console-status-failed_attempt = Tentative de livraison
console-status-available_for_pickup = Disponible au retrait
console-status-delivered = Livré
console-status-exception = Problème
console-status-return_to_sender = Retour à l'expéditeur
console-status-expired = Expiré
console-status-cancelled = Suivi interrompu
console-when = Date
console-scan = Étape
console-actions = Actions
console-refresh = Actualiser maintenant
console-cancel = Arrêter le suivi
console-cancel-confirm = Je comprends : le lien du client cessera de fonctionner et ses données personnelles seront effacées.
console-messages = Messages
console-messages-none = Aucun message n'a encore été envoyé pour ce colis.
console-trigger = Message
console-channel = Canal
console-outcome = Résultat
console-why = Motif
console-send-again = Renvoyer
console-notice-refreshed = Le transporteur sera de nouveau interrogé dans un instant.
console-notice-too-soon = Ce colis vient d'être actualisé ; réessayez dans quelques instants.
console-notice-not-tracked = Ce colis n'est plus suivi.
console-notice-cancelled = Suivi arrêté ; les données personnelles du client ont été effacées.
console-notice-confirm = Cochez la case pour confirmer.
console-notice-resent = Le message est de nouveau en file d'attente.
console-notice-not-resent = Seul un message en échec ou ignoré peut être renvoyé.
console-team = Équipe
console-member = Membre
console-role = Rôle
console-state = État
console-active = Actif
console-invited = Invité
console-invite = Inviter
console-invite-link = Envoyez ce lien à { $email } ; il ne fonctionne qu'une fois, pendant une semaine : { $url }
console-invite-mailed = Nous avons envoyé une invitation par e-mail à { $email }. Le même lien, affiché cette seule fois, ne fonctionne qu'une fois, pendant une semaine : { $url }
console-remove = Supprimer
console-notice-removed = Le membre a été retiré de l'équipe ; ses sessions ont été fermées.
console-notice-last-owner = Le dernier propriétaire de l'équipe ne peut pas être retiré.
console-notice-taken = Cette adresse e-mail a déjà un compte sur la console.
console-notice-bad-email = Ce n'est pas une adresse e-mail valide.
console-search = Rechercher
console-search-hint = Numéro de suivi, numéro de commande ou e-mail du client, exact
console-search-none = Aucun résultat pour « { $query } ».
console-keys = Clés d'API
console-key = Clé
console-key-hint = Se termine par
console-last-used = Dernière utilisation
console-never = jamais
console-new-key = Créer une clé
console-new-key-shown = Votre nouvelle clé, affichée cette seule fois : { $key }
console-revoke = Révoquer
console-notice-revoked = La clé a été révoquée ; elle est refusée dès maintenant.
console-notice-last-key = Une boutique garde au moins une clé : créez-en une autre avant de révoquer celle-ci.
console-notice-too-many-keys = Une boutique a au plus 2 clés actives : révoquez-en une d'abord.
console-audit = Journal d'audit
console-who = Qui
console-what = Action
console-target = Cible
console-changes = Modifications
console-operator = l'opérateur
console-sign-out-everywhere = Se déconnecter partout
console-branding = Marque
console-carriers = Transporteurs
console-field-name = Nom de la boutique
console-field-brand-color = Couleur de la marque
console-field-support-email = E-mail du support
console-field-support-url = Page du support
console-field-lookup-slug = Adresse de recherche de commande
console-hint-brand-color = Elle sert de fond au texte blanc des boutons et des titres : elle doit donc être assez foncée pour rester lisible, avec un contraste d'au moins 4,5:1 (WCAG AA). Le bleu de shipmate (#2b5f8a) signifie que vous n'avez pas choisi de couleur.
console-hint-lookup-slug = Vos clients retrouvent une commande à l'adresse /track/ suivie de cette valeur : 3 à 40 lettres, chiffres et traits d'union (ni au début ni à la fin). Vide : l'identifiant de la boutique.
console-save = Enregistrer
console-preview = Aperçu
console-preview-page = Page de suivi
console-preview-email = E-mail « Expédié »
console-notice-saved = Enregistré. Vos clients verront la modification lors de leur prochaine visite.
console-logo = Logo
console-logo-none = Pas encore de logo : les pages affichent le nom de la boutique.
console-logo-current = Le logo que voient vos clients
console-field-logo = Fichier du logo
console-hint-logo = PNG, JPEG, WebP ou SVG, 1 MiB au maximum. Les images sont redimensionnées pour tenir dans 600 × 200 pixels, puis réenregistrées au format PNG ; un SVG ne doit contenir ni scripts ni liens vers d'autres fichiers.
console-logo-upload = Importer le logo
console-logo-remove = Supprimer le logo
console-logo-choose = Choisissez un fichier à importer.
console-notice-logo-saved = Le nouveau logo est en place sur vos pages.
console-notice-logo-removed = Le logo a été supprimé : les pages affichent le nom de la boutique.
console-detect = Quel transporteur ?
console-detect-hint = Collez un numéro de suivi pour voir quels transporteurs ont pu l'émettre.
console-detect-none = Aucun transporteur connu de shipmate n'émet de numéros de ce type.
console-check-digit = chiffre de contrôle erroné
console-credentials-keep = Laissez les champs ci-dessus vides pour conserver les identifiants enregistrés (pour ne modifier que le débit ou la fréquence).
console-connected = Connecté avec le compte se terminant par { $hint } depuis le { $when }.
console-gate-ok = Répond normalement.
console-gate-open = En pause après { $failures } échecs consécutifs, jusqu'au { $until } ; une tentative passera alors.
console-gate-held = Le transporteur nous a demandé d'attendre jusqu'au { $until }.
console-last-error = Dernière erreur ({ $when }) : { $error }
console-cred-client-id = ID client
console-cred-client-secret = Secret client
console-cred-api-key = Clé d'API
console-cred-username = Nom d'utilisateur
console-cred-password = Mot de passe
console-rate = Requêtes par seconde
console-rate-hint = De 0,01 à 1000 ; vide : la limite de la plateforme pour ce transporteur.
console-cadence = Fréquence d'interrogation
console-cadence-hint = Statut=intervalle, séparés par des virgules, de 1m à 7d (par ex. in_transit=30m, out_for_delivery=10m) ; vide : celle de la plateforme.
console-test = Tester la connexion
console-notice-carrier-saved = Enregistré. Les identifiants sont chiffrés et ne seront plus affichés.
console-notice-carrier-removed = Le compte a été supprimé ; le compte de la plateforme (s'il existe) reprend l'interrogation.
console-notice-test-ok = Le transporteur a accepté les identifiants.
console-notice-test-refused = Le transporteur a refusé ces identifiants.
console-notice-test-wait = Le compte doit patienter avant la prochaine requête ; réessayez dans quelques instants.
console-notice-test-failed = Impossible de joindre le transporteur ; son erreur est indiquée sur la fiche.
console-notice-not-connected = Enregistrez les identifiants avant de les tester.
console-notice-accounts-off = Les comptes transporteur propres aux boutiques sont désactivés sur ce serveur : l'opérateur doit définir security.credential_keys.
console-matrix = Quels messages partent sur quel canal
console-channel-email = E-mail
console-channel-sms = SMS
console-channel-whatsapp = WhatsApp
console-channel-outbox = Boîte d'envoi (fichiers)
console-trigger-shipped = Expédié
console-trigger-in-transit = En transit
console-trigger-delay = En retard
console-trigger-eta-changed = Nouvelle date de livraison
console-trigger-out-for-delivery = En cours de livraison
console-trigger-failed-attempt = Livraison manquée
console-trigger-available-for-pickup = Disponible au retrait
console-trigger-delivered = Livré
console-trigger-return-to-sender = Retour vers la boutique
console-trigger-feedback-request = Demande d'avis
console-channel-order = Ordre des canaux
console-channel-order-hint = Essayés dans cet ordre, séparés par des virgules (email, sms, whatsapp) : si le client n'a pas ce moyen de contact, ou si le message ne peut pas être remis, on passe au canal suivant.
console-daily-cap = Mises à jour par colis et par jour
console-daily-cap-hint = 50 au maximum ; 0 : aucune limite ; vide : celle de la plateforme ({ $platform }). Les messages qui demandent une action au client et le message final partent toujours.
console-feedback-after = Demandes d'avis après la livraison
console-feedback-after-hint = Jusqu'à 3 délais, séparés par des virgules, chacun de 1h à 30d (par ex. 2h, 3d) ; vide : ceux de la plateforme.
console-review-url = Lien d'avis pour les clients satisfaits
console-make-good = Livraisons en retard
console-make-good-hint = Quand un colis est livré avec plus de jours de retard sur la date promise que le nombre indiqué ci-dessous, ce texte accompagne son message de livraison et s'affiche sur sa page ; si les codes sont activés, chacun de ces clients reçoit aussi un code de réduction de votre réserve (une fois par client). Codes restants dans la réserve : { $left }. Ajoutez des codes avec POST /api/v1/make-good/codes.
console-make-good-text = Excuses et geste commercial (vide : désactivé)
console-make-good-days = Jours de retard avant application
console-make-good-codes = Joindre un code de réduction de la réserve
console-make-good-low = Alerter par webhook quand il ne reste que ce nombre de codes
console-suggestions = « Vous aimerez aussi » dans l'e-mail de livraison
console-suggestion-name = Nom
console-suggestion-url = Lien
console-quiet-hours = Les SMS et messages WhatsApp attendent la fin de cette plage, dans le fuseau horaire du client, par ex. 21:00-08:00 ; off : aucune ; vide : celle de la plateforme, { $from }–{ $to }.
console-quiet-hours-none = Les SMS et messages WhatsApp attendent la fin de cette plage, dans le fuseau horaire du client, par ex. 21:00-08:00 ; off : aucune ; vide : celle de la plateforme (aucune).
console-preview-message = Prévisualiser un message
console-language = Langue
console-sms-length = { $characters } caractères, { $segments } message(s) ({ $encoding })
console-feedback = Avis
console-responses = Réponses (30 jours)
console-csat = Note moyenne
console-satisfied = Satisfaits (4–5)
console-nps = NPS
console-on-time = Note si livré dans les délais
console-late = Note si livré en retard
console-rating-max = Note maximale
console-any = Tous
console-source = Origine
console-export-csv = Exporter en CSV
console-rating = Note
console-comment = Commentaire
console-detractor = Détracteur
console-feedback-none = Aucune réponse ne correspond.
console-next = Plus anciennes
console-parcel = Colis
console-preview-unsaved = Aperçu des valeurs ci-dessous : rien n'est enregistré tant que vous n'avez pas cliqué sur Enregistrer.

## Filtres des envois et liste de surveillance
console-all-carriers = Tous les transporteurs
console-needs-attention = À surveiller
console-created-from = Créé à partir du
console-created-to = Créé jusqu'au
console-filter-bad = Filtre non appliqué : vérifiez { $fields }.
console-attention-exception = Problème
console-attention-failed_attempt = Tentative de livraison
console-attention-return_to_sender = Retour en cours
console-attention-stalled = Sans nouvelles récentes
console-attention-forgotten = Muet depuis longtemps
console-attention-late = En retard

## Vue d'ensemble
console-overview = Vue d'ensemble
console-by-status = Colis par statut
console-see-all = Tout voir
console-all-calm = Rien ne requiert votre attention pour le moment.
console-sent-today = Messages envoyés aujourd'hui
console-none-sent = Aucun message envoyé aujourd'hui pour l'instant.
console-feedback-week = Avis de la semaine
console-answers = Réponses
console-average-rating = Note moyenne
console-detractors = Détracteurs
console-channel-webhook = Webhooks

## Un message
console-message = Message
console-subject = Objet
console-message-text = Contenu
console-message-note = Régénéré à partir de l'envoi dans son état actuel, dans la langue du client.
console-back-to-shipment = Retour à l'envoi
console-open = Ouvrir
console-qr = QR code pour l'emballage
console-qr-hint = Il ouvre la page de ce colis : le suivi avant la livraison, le formulaire d'avis ensuite.
console-insert = Encart à imprimer
console-qr-alt = QR code de la page du colis

## Webhooks
console-webhooks = Webhooks
console-endpoint = URL de l'endpoint
console-events = Événements
console-events-all = Tous les événements
console-events-hint = Aucun coché : tous les événements.
console-enabled = Actif
console-disabled = Désactivé
console-webhooks-none = Aucun endpoint pour l'instant.
console-webhook-add = Ajouter un endpoint
console-webhook-url-hint = Une adresse https accessible sur Internet ; chaque notification est signée (Standard Webhooks).
console-disable = Désactiver
console-enable = Activer
console-webhook-remove-confirm = Confirmer la suppression
console-deliveries = Notifications envoyées
console-deliveries-none = Aucune notification envoyée pour l'instant.
console-event = Événement
console-http-status = Statut HTTP
console-response-time = Temps de réponse
console-replay = Renvoyer
console-webhook-secret-shown = Le secret de signature de l'endpoint, affiché cette seule fois : { $secret }
console-notice-replayed = En file d'attente : la notification sera renvoyée dans un instant, avec le même webhook-id.
console-notice-not-replayed = Non renvoyée : la notification est encore en file d'attente, ou l'endpoint est désactivé.
console-notice-webhook-saved = Enregistré.
console-notice-webhook-removed = L'endpoint a été supprimé.

## Filtres des avis
console-delivery = Livraison
console-delivered-on-time = Dans les délais
console-delivered-late = En retard

## E-mails à l'équipe
console-mail-invitation-subject = Invitation à la console shipmate de { $shop }
console-mail-invitation-body =
    Bonjour,

    { $shop } vous invite sur sa console shipmate, où la boutique suit ses colis, ses messages et les avis de ses clients.

    Choisissez votre mot de passe ici (le lien ne fonctionne qu'une fois, pendant { $hours } heures) :
    { $link }

    Si vous ne vous attendiez pas à ce message, ignorez-le.
console-mail-reset-subject = Choisissez un nouveau mot de passe pour la console shipmate de { $shop }
console-mail-reset-body =
    Bonjour,

    Quelqu'un a demandé à choisir un nouveau mot de passe pour votre compte sur la console shipmate de { $shop }.

    Choisissez-le ici (le lien ne fonctionne qu'une fois, pendant { $hours } heures ; vos autres sessions seront fermées) :
    { $link }

    Si ce n'était pas vous, ignorez cet e-mail : votre mot de passe reste inchangé.

## Réinitialisation du mot de passe
console-forgot = Mot de passe oublié ?
console-reset-title = Choisir un nouveau mot de passe
console-reset-intro = Indiquez l'adresse e-mail de votre compte : nous vous enverrons un lien pour choisir un nouveau mot de passe.
console-reset-send = M'envoyer un lien par e-mail
console-reset-sent = Si un compte existe pour cette adresse, un lien est en route. Il ne fonctionne qu'une fois, pendant une durée limitée.
console-reset-no-email = Ce serveur n'envoie pas d'e-mails. Demandez au propriétaire de votre boutique de vous inviter à nouveau.

console-quiet-hours-label = Heures de silence

# Imports
console-imports = Import
console-import-heading = Importer des envois depuis un fichier
console-import-help = Un fichier CSV (séparé par des virgules ou des points-virgules, avec une première ligne qui nomme les colonnes) ou NDJSON. Chaque ligne doit comporter un tracking_number et un numéro de commande ; les noms de colonnes d'AfterShip sont acceptés tels quels : courier, order_id, title, customer_name, email, sms, destination_country. Les nôtres aussi : carrier, order_number, promised_by (2026-12-01), language, items (Mug x 2 | Serviette). Les lignes déjà enregistrées restent inchangées.
console-import-file = Fichier
console-import-start = Importer
console-import-choose = Choisissez un fichier à importer.
console-import-recent = Imports récents
console-import-file-name = Fichier
console-import-status-receiving = Réception
console-import-status-running = Import en cours
console-import-status-done = Terminé
console-import-status-failed = Interrompu
console-import-rows = Lignes
console-import-created = Créés
console-import-existing = Déjà connus
console-import-failed = En échec
console-import-progress = Progression
console-import-one = Import : { $name }
console-import-unnamed = fichier sans nom
console-import-refreshing = Cette page s'actualise d'elle-même jusqu'à la fin de l'import.
console-import-failures = Lignes en échec
console-import-row = Ligne
console-import-reason = Motif
console-import-download = Télécharger les lignes en échec (CSV) pour les corriger et les importer à nouveau
console-import-none-failed = Aucune ligne en échec.
console-import-ignored = Colonnes non lues : { $columns }
console-import-busy = Des imports sont encore en cours : lancez-en un autre quand l'un d'eux sera terminé.

# Boutiques
console-stores = Boutiques
console-stores-heading = Les colis de votre boutique
console-stores-intro = Connectez votre boutique Shopify ou WooCommerce, et chaque colis qu'elle expédie devient automatiquement un envoi suivi : shipmate vérifie la signature de chaque webhook, ne traite chaque événement qu'une fois et, toutes les 15 minutes, demande à la boutique ce qu'un webhook aurait manqué.
console-stores-off = L'opérateur n'a pas défini security.credential_keys : impossible de connecter une boutique, car ses secrets ne pourraient pas être conservés chiffrés.
console-stores-not-connected = Non connectée.
console-stores-connected = Connectée à { $shop } (dernière modification le { $when }).
console-stores-webhook-url = URL du webhook à coller dans la boutique :
console-stores-keep = Les champs secrets laissés vides conservent la valeur enregistrée.
console-stores-save = Enregistrer
console-stores-remove = Déconnecter
console-stores-shopify-steps = Dans l'interface administrateur Shopify : Paramètres → Notifications → Webhooks → Créer un webhook, pour l'événement « Création d'un traitement » puis une seconde fois pour « Mise à jour d'un traitement », au format JSON, avec l'URL ci-dessus. Collez ici la clé avec laquelle, d'après cette page, vos webhooks sont signés (ou le secret client de votre application), ainsi qu'un jeton Admin API autorisé à lire les commandes.
console-stores-woocommerce-steps = Dans WooCommerce : Réglages → Avancé → Webhooks → Ajouter un webhook, sujet « Commande mise à jour », l'URL ci-dessus comme URL de livraison, et un secret ; collez ce secret ici. Puis Réglages → Avancé → API REST → Ajouter une clé (lecture) : collez la clé client et le secret client. Les numéros de suivi sont lus depuis l'extension Shipment Tracking.
console-stores-shop = Boutique (acme.myshopify.com)
console-stores-site = Adresse de la boutique (https://shop.example)
console-stores-secret = Secret de signature
console-stores-secret2 = Second secret de signature (le temps d'en changer)
console-stores-token = Jeton d'accès Admin API
console-stores-consumer-key = Clé client
console-stores-consumer-secret = Secret client
console-stores-carrier-names = Vos noms de transporteurs, un par ligne : Acme Express = dhl
console-notice-store-saved = La boutique est connectée. Son prochain webhook fera entrer ses colis.
console-notice-store-removed = La boutique est déconnectée : ses webhooks sont désormais refusés.
console-analytics = Statistiques
console-analytics-from = Du
console-analytics-to = Au
console-analytics-carrier = Code transporteur
console-analytics-lane = Trajet (pays-région)
console-analytics-table = Les chiffres
console-analytics-definitions = Ce que signifie chaque indicateur
console-analytics-feedback = Avis des clients par transporteur, et livraisons dans les délais ou en retard : voir Avis
console-analytics-make-good = Colis en retard compensés : { $given } ; clients concernés qui ont commandé à nouveau : { $again }.
console-analytics-0 = Colis livrés par jour
console-analytics-1 = Livrés dans les délais promis, par transporteur
console-analytics-2 = Livrés dans les délais promis, par trajet
console-analytics-3 = Délai de transit (90e centile, jours ouvrés), par transporteur
console-analytics-4 = Problèmes par colis clôturé, par transporteur
console-analytics-5 = Livrés dans le créneau estimé, par transporteur
console-analytics-6 = Messages envoyés, par canal
console-analytics-7 = Consultations de la page de suivi par jour
console-analytics-more = Toutes les statistiques : chaque graphique, par transporteur et par trajet, sur n'importe quelle période
