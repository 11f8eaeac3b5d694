# La consola del comercio — español. Traducida del original en inglés (locales/en/console.ftl);
# un mensaje que falte aquí se muestra en inglés.

console = Consola
console-sign-in = Iniciar sesión
console-sign-in-intro = Inicia sesión en { $product } con la dirección de correo electrónico a la que te invitó tu equipo.
console-email = Correo electrónico
console-password = Contraseña
console-password-hint = Al menos 12 caracteres. Una frase de unas pocas palabras es fácil de recordar y difícil de adivinar.
console-sign-in-refused = Ese correo electrónico y esa contraseña no corresponden a ninguna cuenta.
console-sign-in-limited = Demasiados intentos. Espera unos minutos y vuelve a intentarlo.
console-form-expired = El formulario ha caducado. Vuelve a intentarlo.
console-sign-out = Cerrar sesión
console-signed-in-as = Sesión iniciada como { $email } ({ $role })
console-role-owner = propietario
console-role-admin = administrador
console-role-agent = agente
console-role-viewer = lector
console-invitation = Únete a { $merchant }
console-invitation-intro = Te han invitado a la consola de { $merchant } como { $role }. Elige una contraseña para terminar.
console-invitation-gone = Este enlace ya se usó o ha caducado. Pide uno nuevo al propietario de tu equipo.
console-set-password = Establecer contraseña e iniciar sesión
console-password-invalid = La contraseña es demasiado corta o demasiado larga: usa entre 12 y 128 caracteres.
console-forbidden = Tu rol no da acceso a esta página. Si la necesitas, pídeselo al propietario de tu equipo.
console-shipments = Envíos
console-all-statuses = Todos los estados
console-filter = Filtrar
console-status = Estado
console-tracking-number = Número de seguimiento
console-order = Pedido
console-carrier = Transportista
console-created = Creado
console-no-shipments = Todavía no hay envíos. Registra uno con la API (POST /api/v1/shipments).
console-next-page = Envíos más antiguos
console-first-page = Envíos más recientes
console-shipment = Envío { $number }
console-timeline = Recorrido
console-raw-code = Código del transportista
console-customer-page = Página de seguimiento del cliente
console-events-none = Todavía no hay escaneos.
console-back = Todos los envíos
console-status-pending = Pendiente
console-status-info_received = Información recibida
console-status-in_transit = En tránsito
console-status-out_for_delivery = En reparto
console-status-failed_attempt = Intento de entrega fallido
console-status-available_for_pickup = Listo para recoger
console-status-delivered = Entregado
console-status-exception = Problema
console-status-return_to_sender = En devolución al remitente
console-status-expired = Caducado
console-status-cancelled = Cancelado
console-when = Cuándo
console-scan = Escaneo
console-actions = Acciones
console-refresh = Actualizar ahora
console-cancel = Dejar de seguir
console-cancel-confirm = Lo entiendo: el enlace del cliente dejará de funcionar y se borrarán sus datos personales.
console-messages = Mensajes
console-messages-none = Todavía no hay mensajes para este paquete.
console-trigger = Mensaje
console-channel = Canal
console-outcome = Resultado
console-why = Motivo
console-send-again = Volver a enviar
console-notice-refreshed = En un momento se volverá a consultar al transportista.
console-notice-too-soon = Este paquete se actualizó hace un momento; vuelve a intentarlo en breve.
console-notice-not-tracked = Ya no se hace el seguimiento de este paquete.
console-notice-cancelled = Seguimiento detenido; se han borrado los datos personales del cliente.
console-notice-confirm = Marca la casilla para confirmar.
console-notice-resent = El mensaje vuelve a estar en la cola.
console-notice-not-resent = Solo se puede volver a enviar un mensaje que falló o que se omitió.
console-team = Equipo
console-member = Miembro
console-role = Rol
console-state = Estado
console-active = Activo
console-invited = Invitado
console-invite = Invitar
console-invite-link = Envía este enlace a { $email }; sirve una sola vez, durante una semana: { $url }
console-invite-mailed = Hemos enviado una invitación por correo a { $email }. El mismo enlace, que solo se muestra esta vez, sirve una sola vez, durante una semana: { $url }
console-remove = Eliminar
console-notice-removed = Se eliminó al miembro y se cerraron sus sesiones.
console-notice-last-owner = No se puede eliminar al último propietario del equipo.
console-notice-taken = Ese correo electrónico ya tiene una cuenta en la consola.
console-notice-bad-email = Eso no es una dirección de correo electrónico.
console-search = Buscar
console-search-hint = Número de seguimiento, número de pedido o correo del cliente, exactos
console-search-none = No se encontró nada para «{ $query }».
console-keys = Claves de API
console-key = Clave
console-key-hint = Termina en
console-last-used = Último uso
console-never = nunca
console-new-key = Crear una clave nueva
console-new-key-shown = Tu nueva clave, que solo se muestra esta vez: { $key }
console-revoke = Revocar
console-notice-revoked = Se revocó la clave; se rechaza desde este momento.
console-notice-last-key = Una tienda conserva al menos una clave: crea otra antes de revocar esta.
console-notice-too-many-keys = Una tienda puede tener como máximo 2 claves activas: revoca una primero.
console-audit = Registro de auditoría
console-who = Quién
console-what = Qué
console-target = Objeto
console-changes = Cambios
console-operator = el operador
console-sign-out-everywhere = Cerrar sesión en todos los dispositivos
console-branding = Marca
console-carriers = Transportistas
console-field-name = Nombre de la tienda
console-field-brand-color = Color de la marca
console-field-support-email = Correo de atención al cliente
console-field-support-url = Página de atención al cliente
console-field-lookup-slug = Dirección para buscar pedidos
console-hint-brand-color = Los botones y los títulos lo usan detrás de texto blanco, así que debe ser lo bastante oscuro para leerse: un contraste de al menos 4.5:1 (WCAG AA). El azul de shipmate (#2b5f8a) significa que no usas un color propio.
console-hint-lookup-slug = Los clientes encuentran un pedido en /track/ seguido de esto: de 3 a 40 letras, cifras y guiones internos. Vacío: el ID de la tienda.
console-save = Guardar
console-preview = Vista previa
console-preview-page = Página de seguimiento
console-preview-email = Correo «Enviado»
console-notice-saved = Guardado. Los clientes verán el cambio en su próxima visita.
console-logo = Logotipo
console-logo-none = Todavía no hay logotipo: las páginas muestran el nombre de la tienda.
console-logo-current = El logotipo que ven los clientes
console-field-logo = Archivo del logotipo
console-hint-logo = PNG, JPEG, WebP o SVG, de 1 MiB como máximo. Las imágenes se ajustan a 600 × 200 píxeles y se vuelven a guardar como PNG; un SVG no puede contener scripts ni enlaces a otros archivos.
console-logo-upload = Subir logotipo
console-logo-remove = Quitar logotipo
console-logo-choose = Elige un archivo para subir.
console-notice-logo-saved = El nuevo logotipo ya está en tus páginas.
console-notice-logo-removed = Se quitó el logotipo: las páginas muestran el nombre de la tienda.
console-detect = ¿Qué transportista?
console-detect-hint = Pega un número de seguimiento para ver qué transportistas podrían haberlo emitido.
console-detect-none = Ningún transportista que shipmate conozca emite números como este.
console-check-digit = dígito de control incorrecto
console-credentials-keep = Deja vacíos los campos de arriba para conservar las credenciales guardadas (si solo quieres cambiar las solicitudes por segundo o la frecuencia de consulta).
console-connected = Conectado con la cuenta que termina en { $hint } desde el { $when }.
console-gate-ok = Responde con normalidad.
console-gate-open = En pausa hasta { $until } tras { $failures } errores seguidos; entonces se hará un intento.
console-gate-held = El transportista nos pidió esperar hasta { $until }.
console-last-error = Último error ({ $when }): { $error }
console-cred-client-id = ID de cliente
console-cred-client-secret = Secreto de cliente
console-cred-api-key = Clave de API
console-cred-username = Nombre de usuario
console-cred-password = Contraseña
console-rate = Solicitudes por segundo
console-rate-hint = De 0.01 a 1000; vacío: el límite de la plataforma para este transportista.
console-cadence = Frecuencia de consulta
console-cadence-hint = Estado=intervalo, separados por comas, de 1m a 7d (p. ej., in_transit=30m, out_for_delivery=10m); vacío: la de la plataforma.
console-test = Probar la conexión
console-notice-carrier-saved = Guardado. Las credenciales quedan cifradas y no se volverán a mostrar.
console-notice-carrier-removed = Se eliminó la cuenta; la cuenta de la plataforma (si la hay) vuelve a hacer las consultas.
console-notice-test-ok = El transportista aceptó las credenciales.
console-notice-test-refused = El transportista rechazó estas credenciales.
console-notice-test-wait = La cuenta debe esperar antes de la próxima solicitud; vuelve a intentarlo en breve.
console-notice-test-failed = No se pudo contactar con el transportista; su error aparece en la tarjeta.
console-notice-not-connected = Guarda las credenciales antes de probarlas.
console-notice-accounts-off = Las cuentas de transportista propias de las tiendas están desactivadas en este servidor: el operador debe configurar security.credential_keys.
console-matrix = Qué mensajes salen por qué canal
console-channel-email = Correo electrónico
console-channel-sms = SMS
console-channel-whatsapp = WhatsApp
console-channel-outbox = Bandeja de salida (archivos)
console-trigger-shipped = Enviado
console-trigger-in-transit = En tránsito
console-trigger-delay = Con retraso
console-trigger-eta-changed = Nueva fecha de entrega
console-trigger-out-for-delivery = En reparto
console-trigger-failed-attempt = Intento de entrega fallido
console-trigger-available-for-pickup = Listo para recoger
console-trigger-delivered = Entregado
console-trigger-return-to-sender = De vuelta a la tienda
console-trigger-feedback-request = Solicitud de valoración
console-channel-order = Orden de los canales
console-channel-order-hint = Se prueban en este orden, separados por comas (email, sms, whatsapp): si el cliente no tiene ese contacto o el mensaje no se puede entregar, se pasa al siguiente.
console-daily-cap = Actualizaciones por paquete al día
console-daily-cap-hint = Como máximo 50; 0: sin límite; vacío: el de la plataforma ({ $platform }). Los avisos que piden actuar y el resultado final se envían siempre.
console-feedback-after = Solicitudes de valoración tras la entrega
console-feedback-after-hint = Hasta 3 plazos, separados por comas, cada uno de 1h a 30d (p. ej., 2h, 3d); vacío: los de la plataforma.
console-review-url = Enlace de reseña para clientes satisfechos
console-make-good = Entregas con retraso
console-make-good-hint = Un paquete entregado más tarde de lo prometido, con más días de retraso que los indicados abajo, recibe este texto junto con su mensaje de entrega y en su página; con los códigos activados, cada uno de esos clientes recibe además un código de descuento de tu reserva (una vez por cliente). Códigos que quedan en la reserva: { $left }. Sube códigos con POST /api/v1/make-good/codes.
console-make-good-text = Disculpa y oferta (vacío: desactivado)
console-make-good-days = Días de retraso para que se aplique
console-make-good-codes = Incluir un código de descuento de la reserva
console-make-good-low = Avisar por webhook cuando queden estos códigos
console-suggestions = «También te puede gustar» en el correo de entrega
console-suggestion-name = Nombre
console-suggestion-url = Enlace
console-quiet-hours = Los SMS y los mensajes de WhatsApp esperan a que pase esta franja en la zona horaria del cliente, p. ej., 21:00-08:00; off: ninguna; vacío: la de la plataforma, { $from }–{ $to }.
console-quiet-hours-none = Los SMS y los mensajes de WhatsApp esperan a que pase esta franja en la zona horaria del cliente, p. ej., 21:00-08:00; off: ninguna; vacío: la de la plataforma (ninguna).
console-preview-message = Vista previa de un mensaje
console-language = Idioma
console-sms-length = { $characters } caracteres, { $segments } mensaje(s) ({ $encoding })
console-feedback = Valoraciones
console-responses = Respuestas (30 días)
console-csat = Valoración media
console-satisfied = Satisfechos (4–5)
console-nps = NPS
console-on-time = Valoración si llegó a tiempo
console-late = Valoración si llegó con retraso
console-rating-max = Valoración de hasta
console-any = Cualquiera
console-source = Origen
console-export-csv = Exportar como CSV
console-rating = Valoración
console-comment = Comentario
console-detractor = Detractor
console-feedback-none = Ninguna respuesta coincide.
console-next = Anteriores
console-parcel = Paquete
console-preview-unsaved = Vista previa de los valores de abajo: no se guarda nada hasta que hagas clic en Guardar.

## Filtros de envíos y lista de vigilancia
console-all-carriers = Todos los transportistas
console-needs-attention = Requiere atención
console-created-from = Creado desde
console-created-to = Creado hasta
console-filter-bad = Sin filtrar: revisa { $fields }.
console-attention-exception = Problema
console-attention-failed_attempt = Intento fallido
console-attention-return_to_sender = De vuelta al remitente
console-attention-stalled = Sin novedades recientes
console-attention-forgotten = Sin noticias desde hace mucho
console-attention-late = Con retraso

## Resumen
console-overview = Resumen
console-by-status = Paquetes por estado
console-see-all = Verlos todos
console-all-calm = Ahora mismo no hay nada que requiera atención.
console-sent-today = Mensajes enviados hoy
console-none-sent = Hoy todavía no se ha enviado ningún mensaje.
console-feedback-week = Valoraciones de esta semana
console-answers = Respuestas
console-average-rating = Valoración media
console-detractors = Detractores
console-channel-webhook = Webhooks

## Un mensaje
console-message = Mensaje
console-subject = Asunto
console-message-text = Qué dice
console-message-note = Generado de nuevo a partir del envío tal como está ahora, en el idioma del cliente.
console-back-to-shipment = Volver al envío
console-open = Abrir
console-qr = Código QR para el embalaje
console-qr-hint = Abre la página de este paquete: el seguimiento antes de la entrega y la valoración después.
console-insert = Tarjeta imprimible para el paquete
console-qr-alt = Código QR de la página del paquete

## Webhooks
console-webhooks = Webhooks
console-endpoint = URL del endpoint
console-events = Eventos
console-events-all = Todos los eventos
console-events-hint = Si no marcas ninguno: todos los eventos.
console-enabled = Enviando
console-disabled = Desactivado
console-webhooks-none = Todavía no hay endpoints.
console-webhook-add = Añadir un endpoint
console-webhook-url-hint = Una dirección https en internet; cada entrega va firmada (Standard Webhooks).
console-disable = Desactivar
console-enable = Activar
console-webhook-remove-confirm = Eliminarlo
console-deliveries = Entregas
console-deliveries-none = Todavía no se ha entregado nada.
console-event = Evento
console-http-status = Estado HTTP
console-response-time = Tiempo de respuesta
console-replay = Volver a enviar
console-webhook-secret-shown = El secreto de firma del endpoint, que solo se muestra esta vez: { $secret }
console-notice-replayed = En cola: se volverá a enviar en un momento, con el mismo webhook-id.
console-notice-not-replayed = No se volvió a enviar: todavía está en la cola o el endpoint está desactivado.
console-notice-webhook-saved = Guardado.
console-notice-webhook-removed = Se eliminó el endpoint.

## Filtros de valoraciones
console-delivery = Entrega
console-delivered-on-time = A tiempo
console-delivered-late = Con retraso

## Correos para el equipo
console-mail-invitation-subject = Te han invitado a la consola de shipmate de { $shop }
console-mail-invitation-body =
    Hola:

    Te han invitado a la consola de shipmate de { $shop }, donde la tienda sigue sus paquetes, sus mensajes y las valoraciones de sus clientes.

    Elige tu contraseña aquí (el enlace sirve una sola vez, durante { $hours } horas):
    { $link }

    Si no esperabas esta invitación, ignora este correo.
console-mail-reset-subject = Elige una nueva contraseña para la consola de shipmate de { $shop }
console-mail-reset-body =
    Hola:

    Alguien ha pedido elegir una nueva contraseña para tu cuenta en la consola de shipmate de { $shop }.

    Elígela aquí (el enlace sirve una sola vez, durante { $hours } horas; tus otras sesiones se cerrarán):
    { $link }

    Si no fuiste tú, ignora este correo: tu contraseña sigue siendo la misma.

## Restablecer la contraseña
console-forgot = ¿Olvidaste tu contraseña?
console-reset-title = Elige una nueva contraseña
console-reset-intro = Indica el correo electrónico de tu cuenta y te enviaremos un enlace para elegir una nueva contraseña.
console-reset-send = Enviarme un enlace por correo
console-reset-sent = Si existe una cuenta con esa dirección, el enlace ya va de camino. Sirve una sola vez, durante un tiempo limitado.
console-reset-no-email = Este servidor no envía correos. Pide al propietario de tu tienda que vuelva a invitarte.

console-quiet-hours-label = Horario de silencio

# Importaciones
console-imports = Importar
console-import-heading = Importar envíos desde un archivo
console-import-help = Un archivo CSV (separado por comas o por punto y coma, con una primera fila que nombre las columnas) o NDJSON. Cada fila necesita un tracking_number y un número de pedido; los nombres de columna de AfterShip funcionan tal cual: courier, order_id, title, customer_name, email, sms, destination_country. Los nuestros también: carrier, order_number, promised_by (2026-12-01), language, items (Taza x 2 | Toalla). Las filas ya registradas se quedan como están.
console-import-file = Archivo
console-import-start = Importar
console-import-choose = Elige un archivo para importar.
console-import-recent = Importaciones recientes
console-import-file-name = Archivo
console-import-status-receiving = Recibiendo
console-import-status-running = Importando
console-import-status-done = Terminada
console-import-status-failed = Detenida
console-import-rows = Filas
console-import-created = Creados
console-import-existing = Ya conocidos
console-import-failed = Fallidos
console-import-progress = Progreso
console-import-one = Importación de { $name }
console-import-unnamed = archivo
console-import-refreshing = Esta página se actualiza sola hasta que termine la importación.
console-import-failures = Filas con error
console-import-row = Fila
console-import-reason = Motivo
console-import-download = Descargar las filas con error (CSV) para corregirlas y volver a subirlas
console-import-none-failed = No falló ninguna fila.
console-import-ignored = Columnas no leídas: { $columns }
console-import-busy = Todavía hay importaciones en curso: empieza otra cuando termine una.

# Tiendas
console-stores = Tiendas
console-stores-heading = Paquetes de tu tienda
console-stores-intro = Conecta tu tienda de Shopify o de WooCommerce y cada paquete que envíe se convertirá automáticamente en un envío con seguimiento: shipmate comprueba la firma de cada webhook, procesa cada evento una sola vez y, cada 15 minutos, pide a la tienda lo que algún webhook no haya traído.
console-stores-off = El operador no ha configurado security.credential_keys, así que no se pueden conectar tiendas: sus secretos no podrían guardarse cifrados.
console-stores-not-connected = No conectada.
console-stores-connected = Conectada a { $shop } (modificada el { $when }).
console-stores-webhook-url = URL del webhook que debes pegar en la tienda:
console-stores-keep = Los campos secretos que dejes vacíos conservan lo guardado.
console-stores-save = Guardar
console-stores-remove = Desconectar
console-stores-shopify-steps = En el panel de control de Shopify: Configuración → Notificaciones → Webhooks → Crear webhook, para «Creación de preparación de pedido» y otra vez para «Actualización de preparación de pedido», formato JSON, la URL de arriba. Pega aquí la clave con la que, según esa página, se firman tus webhooks (o el secreto de cliente de tu aplicación) y un token de la Admin API que pueda leer pedidos.
console-stores-woocommerce-steps = En WooCommerce: Ajustes → Avanzado → Webhooks → Añadir webhook, tema «Pedido actualizado», la URL de arriba como URL de entrega y un secreto; pega ese secreto aquí. Después, Ajustes → Avanzado → API REST → Añadir clave (lectura): pega la clave de cliente y la clave secreta de cliente. Los números de seguimiento se leen de la extensión Shipment Tracking.
console-stores-shop = Tienda (acme.myshopify.com)
console-stores-site = Dirección de la tienda (https://shop.example)
console-stores-secret = Secreto de firma
console-stores-secret2 = Segundo secreto de firma (mientras cambias uno)
console-stores-token = Token de acceso de la Admin API
console-stores-consumer-key = Clave de cliente
console-stores-consumer-secret = Clave secreta de cliente
console-stores-carrier-names = Tus nombres para los transportistas, uno por línea: Acme Express = dhl
console-notice-store-saved = La tienda está conectada. Su próximo webhook traerá sus paquetes.
console-notice-store-removed = La tienda está desconectada: a partir de ahora se rechazan sus webhooks.
console-analytics = Análisis
console-analytics-from = Desde
console-analytics-to = Hasta
console-analytics-carrier = Código del transportista
console-analytics-lane = Ruta (país-región)
console-analytics-table = Las cifras
console-analytics-definitions = Qué significa cada cifra
console-analytics-feedback = Valoraciones de los clientes por transportista, y a tiempo frente a con retraso: consulta Valoraciones
console-analytics-make-good = Paquetes con retraso compensados: { $given }; de esos clientes, { $again } volvieron a comprar.
console-analytics-0 = Paquetes entregados por día
console-analytics-1 = A tiempo según lo prometido, por transportista
console-analytics-2 = A tiempo según lo prometido, por ruta
console-analytics-3 = Tiempo de tránsito (percentil 90, días hábiles), por transportista
console-analytics-4 = Problemas por paquete finalizado, por transportista
console-analytics-5 = Entregados dentro del plazo estimado, por transportista
console-analytics-6 = Mensajes enviados, por canal
console-analytics-7 = Visitas a la página de seguimiento por día
console-analytics-more = Todos los análisis: cada gráfico, por transportista y ruta, en cualquier periodo
