# O console do lojista — português do Brasil.

console = Console
console-sign-in = Entrar
console-sign-in-intro = Entre no { $product } com o e-mail para o qual sua equipe enviou o convite.
console-email = E-mail
console-password = Senha
console-password-hint = No mínimo 12 caracteres. Uma frase de algumas palavras é fácil de lembrar e difícil de adivinhar.
console-sign-in-refused = Esse e-mail e essa senha não correspondem a uma conta.
console-sign-in-limited = Tentativas demais. Aguarde alguns minutos e tente de novo.
console-form-expired = O formulário expirou. Tente de novo.
console-sign-out = Sair
console-signed-in-as = Conectado como { $email } ({ $role })
console-role-owner = proprietário
console-role-admin = administrador
console-role-agent = atendente
console-role-viewer = leitor
console-invitation = Entrar em { $merchant }
console-invitation-intro = Você foi convidado para o console de { $merchant } como { $role }. Escolha uma senha para concluir.
console-invitation-gone = Este link já foi usado ou expirou. Peça um novo ao proprietário da sua equipe.
console-set-password = Definir senha e entrar
console-password-invalid = A senha é curta ou longa demais: use de 12 a 128 caracteres.
console-forbidden = Seu papel não permite esta página. Peça ao proprietário da equipe se precisar dela.
console-shipments = Envios
console-all-statuses = Todos os status
console-filter = Filtrar
console-status = Status
console-tracking-number = Código de rastreio
console-order = Pedido
console-carrier = Transportadora
console-created = Criado
console-no-shipments = Nenhum envio ainda. Registre um pela API (POST /api/v1/shipments).
console-next-page = Envios mais antigos
console-first-page = Envios mais recentes
console-shipment = Envio { $number }
console-timeline = Histórico
console-raw-code = Código da transportadora
console-customer-page = Página de rastreio do cliente
console-events-none = Nenhuma leitura ainda.
console-back = Todos os envios
console-status-pending = Pendente
console-status-info_received = Informação recebida
console-status-in_transit = Em trânsito
console-status-out_for_delivery = Saiu para entrega
console-status-failed_attempt = Tentativa sem sucesso
console-status-available_for_pickup = Disponível para retirada
console-status-delivered = Entregue
console-status-exception = Problema
console-status-return_to_sender = Devolução ao remetente
console-status-expired = Expirado
console-status-cancelled = Cancelado
console-when = Quando
console-scan = Leitura
console-actions = Ações
console-refresh = Atualizar agora
console-cancel = Parar o rastreio
console-cancel-confirm = Entendo: o link do cliente deixa de funcionar e os dados pessoais dele são apagados.
console-messages = Mensagens
console-messages-none = Nenhuma mensagem para este envio ainda.
console-trigger = Mensagem
console-channel = Canal
console-outcome = Resultado
console-why = Motivo
console-send-again = Enviar de novo
console-notice-refreshed = A transportadora será consultada de novo em instantes.
console-notice-too-soon = Este envio acabou de ser atualizado; tente de novo daqui a pouco.
console-notice-not-tracked = Este envio não é mais rastreado.
console-notice-cancelled = Rastreio interrompido; os dados pessoais do cliente foram apagados.
console-notice-confirm = Marque a caixa para confirmar.
console-notice-resent = A mensagem voltou para a fila.
console-notice-not-resent = Só uma mensagem que falhou ou foi ignorada pode ser enviada de novo.
console-team = Equipe
console-member = Membro
console-role = Papel
console-state = Situação
console-active = Ativo
console-invited = Convidado
console-invite = Convidar
console-invite-link = Envie este link para { $email }; ele funciona uma vez, por uma semana: { $url }
console-invite-mailed = Enviamos um convite por e-mail para { $email }. O mesmo link, mostrado só desta vez, funciona uma vez, por uma semana: { $url }
console-remove = Remover
console-notice-removed = O membro foi removido; as sessões dele foram encerradas.
console-notice-last-owner = O último proprietário da equipe não pode ser removido.
console-notice-taken = Esse e-mail já tem uma conta no console.
console-notice-bad-email = Isso não é um endereço de e-mail.
console-search = Buscar
console-search-hint = Código de rastreio, número do pedido ou e-mail do cliente, exatos
console-search-none = Nada encontrado para “{ $query }”.
console-keys = Chaves de API
console-key = Chave
console-key-hint = Termina em
console-last-used = Último uso
console-never = nunca
console-new-key = Criar uma chave
console-new-key-shown = Sua nova chave, mostrada só esta vez: { $key }
console-revoke = Revogar
console-notice-revoked = A chave foi revogada; ela é recusada na hora.
console-notice-last-key = Uma loja mantém pelo menos uma chave: crie outra antes de revogar esta.
console-notice-too-many-keys = Uma loja tem no máximo 2 chaves ativas: revogue uma antes.
console-audit = Registro de auditoria
console-who = Quem
console-what = O quê
console-target = De
console-changes = Mudanças
console-operator = o operador
console-sign-out-everywhere = Sair de todos os aparelhos
console-branding = Marca
console-carriers = Transportadoras
console-field-name = Nome da loja
console-field-brand-color = Cor da marca
console-field-support-email = E-mail de atendimento
console-field-support-url = Página de atendimento
console-field-lookup-slug = Endereço de consulta de pedidos
console-hint-brand-color = Botões e títulos a usam atrás de texto branco; ela precisa ser escura o bastante para a leitura: contraste de pelo menos 4,5:1 (WCAG AA). O azul do shipmate (#2b5f8a) significa nenhuma cor própria.
console-hint-lookup-slug = Os clientes acham um pedido em /track/ seguido disto: de 3 a 40 letras, números e hífens internos. Vazio: o id da loja.
console-save = Salvar
console-preview = Pré-visualizar
console-preview-page = Página de rastreamento
console-preview-email = E-mail “Enviado”
console-notice-saved = Salvo. Os clientes verão a mudança na próxima visita.
console-logo = Logotipo
console-logo-none = Ainda sem logotipo: as páginas mostram o nome da loja.
console-logo-current = O logotipo que os clientes veem
console-field-logo = Arquivo do logotipo
console-hint-logo = PNG, JPEG, WebP ou SVG, até 1 MiB. Imagens são reduzidas para caber em 600 × 200 pixels e salvas de novo como PNG; um SVG não pode conter scripts nem links para outros arquivos.
console-logo-upload = Enviar logotipo
console-logo-remove = Remover logotipo
console-logo-choose = Escolha um arquivo para enviar.
console-notice-logo-saved = O novo logotipo já está nas suas páginas.
console-notice-logo-removed = O logotipo foi removido: as páginas mostram o nome da loja.
console-detect = Qual transportadora?
console-detect-hint = Cole um código de rastreamento para ver quais transportadoras podem tê-lo emitido.
console-detect-none = Nenhuma transportadora conhecida emite códigos como este.
console-check-digit = dígito verificador errado
console-credentials-keep = Deixe os campos acima vazios para manter as credenciais salvas (para mudar só a taxa ou a cadência).
console-connected = Conectada com a conta terminada em { $hint } desde { $when }.
console-gate-ok = Respondendo normalmente.
console-gate-open = Pausada após { $failures } falhas seguidas até { $until }; uma tentativa passa então.
console-gate-held = A transportadora pediu para esperarmos até { $until }.
console-last-error = Último erro ({ $when }): { $error }
console-cred-client-id = Client ID
console-cred-client-secret = Client secret
console-cred-api-key = Chave de API
console-cred-username = Usuário
console-cred-password = Senha
console-rate = Requisições por segundo
console-rate-hint = De 0,01 a 1000; vazio: o limite da plataforma para esta transportadora.
console-cadence = Frequência de consulta
console-cadence-hint = Status=intervalo, separados por vírgula, de 1m a 7d (ex.: in_transit=30m, out_for_delivery=10m); vazio: a da plataforma.
console-test = Testar conexão
console-notice-carrier-saved = Salvo. As credenciais ficam seladas e não serão mostradas de novo.
console-notice-carrier-removed = A conta foi removida; a conta da plataforma (se houver) volta a consultar.
console-notice-test-ok = A transportadora aceitou as credenciais.
console-notice-test-refused = A transportadora recusou estas credenciais.
console-notice-test-wait = A conta precisa esperar antes da próxima requisição; tente de novo em instantes.
console-notice-test-failed = Não foi possível falar com a transportadora; o erro está no cartão.
console-notice-not-connected = Salve as credenciais antes de testá-las.
console-notice-accounts-off = As contas próprias de transportadora estão desligadas neste servidor: o operador precisa definir security.credential_keys.
console-matrix = Quais mensagens saem por qual canal
console-channel-email = E-mail
console-channel-sms = SMS
console-channel-whatsapp = WhatsApp
console-channel-outbox = Caixa de saída (arquivos)
console-trigger-shipped = Enviado
console-trigger-in-transit = Em trânsito
console-trigger-delay = Atrasado
console-trigger-eta-changed = Nova data de entrega
console-trigger-out-for-delivery = Saiu para entrega
console-trigger-failed-attempt = Tentativa de entrega falhou
console-trigger-available-for-pickup = Pronto para retirada
console-trigger-delivered = Entregue
console-trigger-return-to-sender = Voltando para a loja
console-trigger-feedback-request = Pedido de avaliação
console-channel-order = Ordem dos canais
console-channel-order-hint = Tentados nesta ordem, separados por vírgula (email, sms, whatsapp): um cliente sem esse contato, ou uma mensagem que não pode ser entregue, passa ao próximo.
console-daily-cap = Atualizações por envio por dia
console-daily-cap-hint = No máximo 50; 0: sem limite; vazio: o da plataforma ({ $platform }). Pedidos de ação e o desfecho sempre saem.
console-feedback-after = Pedidos de avaliação após a entrega
console-feedback-after-hint = Até 3 prazos, separados por vírgula, cada um de 1h a 30d (ex.: 2h, 3d); vazio: os da plataforma.
console-review-url = Link de avaliação para clientes satisfeitos
console-make-good = Entregas atrasadas
console-make-good-hint = Um pacote entregue depois da data prometida por mais dias que os abaixo recebe este texto com a mensagem de entrega e na sua página; com códigos ativados, cada cliente assim também recebe um código de desconto do seu estoque (uma vez por cliente). Códigos restantes: { $left }. Envie códigos com POST /api/v1/make-good/codes.
console-make-good-text = Pedido de desculpas e oferta (vazio: desligado)
console-make-good-days = Dias de atraso para valer
console-make-good-codes = Incluir um código de desconto do estoque
console-make-good-low = Avisar por webhook com esta quantidade de códigos restantes
console-suggestions = “Você também pode gostar” no e-mail de entrega
console-suggestion-name = Nome
console-suggestion-url = Link
console-quiet-hours = SMS e WhatsApp esperam esta janela no fuso do cliente, ex. 21:00-08:00; off: nenhuma; vazio: a da plataforma, { $from }–{ $to }.
console-quiet-hours-none = SMS e WhatsApp esperam esta janela no fuso do cliente, ex. 21:00-08:00; off: nenhuma; vazio: a da plataforma (nenhuma).
console-preview-message = Pré-visualizar uma mensagem
console-language = Idioma
console-sms-length = { $characters } caracteres, { $segments } mensagem(ns) ({ $encoding })
console-feedback = Avaliações
console-responses = Respostas (30 dias)
console-csat = Nota média
console-satisfied = Satisfeitos (4–5)
console-nps = NPS
console-on-time = Nota quando no prazo
console-late = Nota quando atrasado
console-rating-max = Nota até
console-any = Qualquer
console-source = Origem
console-export-csv = Exportar CSV
console-rating = Nota
console-comment = Comentário
console-detractor = Detrator
console-feedback-none = Nenhuma resposta encontrada.
console-next = Anteriores
console-parcel = Envio
console-preview-unsaved = Uma prévia dos valores abaixo: nada é salvo até você apertar Salvar.

## Shipment filters and the watchlist
console-all-carriers = Todas as transportadoras
console-needs-attention = Requer atenção
console-created-from = Criado a partir de
console-created-to = Criado até
console-filter-bad = Sem filtro: verifique { $fields }.
console-attention-exception = Problema
console-attention-failed_attempt = Tentativa falhou
console-attention-return_to_sender = Voltando ao remetente
console-attention-stalled = Sem novidades
console-attention-forgotten = Parado há muito tempo
console-attention-late = Atrasado

## Overview
console-overview = Visão geral
console-by-status = Encomendas por status
console-see-all = Ver todas
console-all-calm = Nada requer atenção agora.
console-sent-today = Mensagens enviadas hoje
console-none-sent = Nenhuma mensagem enviada hoje.
console-feedback-week = Avaliações desta semana
console-answers = Respostas
console-average-rating = Nota média
console-detractors = Detratores
console-channel-webhook = Webhooks

## One message
console-message = Mensagem
console-subject = Assunto
console-message-text = O que diz
console-message-note = Gerada de novo a partir da encomenda como está agora, no idioma do cliente.
console-back-to-shipment = Voltar à encomenda
console-open = Abrir
console-qr = QR code para a embalagem
console-qr-hint = Abre a página desta encomenda: rastreio antes da entrega, avaliação depois.
console-insert = Folheto para imprimir
console-qr-alt = QR code da página da encomenda

## Webhooks
console-webhooks = Webhooks
console-endpoint = URL do endpoint
console-events = Eventos
console-events-all = Todos os eventos
console-events-hint = Nenhum marcado: todos os eventos.
console-enabled = Enviando
console-disabled = Desativado
console-webhooks-none = Nenhum endpoint ainda.
console-webhook-add = Adicionar endpoint
console-webhook-url-hint = Um endereço https na internet; cada entrega é assinada (Standard Webhooks).
console-disable = Desativar
console-enable = Ativar
console-webhook-remove-confirm = Remover
console-deliveries = Entregas
console-deliveries-none = Nada entregue ainda.
console-event = Evento
console-http-status = Status HTTP
console-response-time = Tempo de resposta
console-replay = Enviar de novo
console-webhook-secret-shown = O segredo de assinatura do endpoint, mostrado só desta vez: { $secret }
console-notice-replayed = Na fila: será enviado de novo em instantes, com o mesmo webhook-id.
console-notice-not-replayed = Não reenviado: ainda está na fila, ou o endpoint está desativado.
console-notice-webhook-saved = Salvo.
console-notice-webhook-removed = O endpoint foi removido.

## Feedback filters
console-delivery = Entrega
console-delivered-on-time = No prazo
console-delivered-late = Atrasada

## E-mails to the team
console-mail-invitation-subject = Convite para o console shipmate de { $shop }
console-mail-invitation-body =
    Olá,

    Você foi convidado para o console shipmate de { $shop }, onde a loja acompanha encomendas, mensagens e avaliações dos clientes.

    Escolha sua senha aqui (o link funciona uma vez, por { $hours } horas):
    { $link }

    Se não esperava este e-mail, ignore-o.
console-mail-reset-subject = Escolha uma nova senha para o console shipmate de { $shop }
console-mail-reset-body =
    Olá,

    Alguém pediu uma nova senha para a sua conta no console shipmate de { $shop }.

    Escolha-a aqui (o link funciona uma vez, por { $hours } horas; suas outras sessões terminam):
    { $link }

    Se não foi você, ignore este e-mail: sua senha continua a mesma.

## Password reset
console-forgot = Esqueceu a senha?
console-reset-title = Escolha uma nova senha
console-reset-intro = Informe o e-mail da sua conta: enviaremos um link para escolher uma nova senha.
console-reset-send = Enviar link por e-mail
console-reset-sent = Se existir uma conta com esse endereço, um link está a caminho. Ele funciona uma vez, por tempo limitado.
console-reset-no-email = Este servidor não envia e-mails. Peça ao dono da loja um novo convite.

console-quiet-hours-label = Horário de silêncio

# Imports
console-imports = Importar
console-import-heading = Importar envios de um arquivo
console-import-help = Um arquivo CSV (vírgula ou ponto e vírgula, com uma primeira linha que nomeia as colunas) ou NDJSON. Cada linha precisa de tracking_number e de um número de pedido; os nomes de coluna do AfterShip funcionam como estão: courier, order_id, title, customer_name, email, sms, destination_country. Os nossos também: carrier, order_number, promised_by (2026-12-01), language, items (Caneca x 2 | Toalha). Linhas já registradas ficam como estão.
console-import-file = Arquivo
console-import-start = Importar
console-import-choose = Escolha um arquivo para importar.
console-import-recent = Importações recentes
console-import-file-name = Arquivo
console-import-status-receiving = Recebendo
console-import-status-running = Importando
console-import-status-done = Concluída
console-import-status-failed = Interrompida
console-import-rows = Linhas
console-import-created = Criados
console-import-existing = Já conhecidos
console-import-failed = Com erro
console-import-progress = Progresso
console-import-one = Importação de { $name }
console-import-unnamed = arquivo
console-import-refreshing = Esta página se atualiza sozinha até a importação terminar.
console-import-failures = Linhas com erro
console-import-row = Linha
console-import-reason = Motivo
console-import-download = Baixar as linhas com erro (CSV) para corrigir e enviar de novo
console-import-none-failed = Nenhuma linha falhou.
console-import-ignored = Colunas não lidas: { $columns }
console-import-busy = Ainda há importações em andamento: comece outra quando uma terminar.

# Stores
console-stores = Lojas
console-stores-heading = Envios vindos da sua loja
console-stores-intro = Conecte sua loja Shopify ou WooCommerce e cada envio dela vira um envio rastreado sozinho: o shipmate confere a assinatura de cada webhook, aceita cada evento uma vez e, a cada 15 minutos, pergunta à loja o que algum webhook deixou passar.
console-stores-off = O operador não definiu security.credential_keys, então não é possível conectar lojas: os segredos não poderiam ser guardados lacrados.
console-stores-not-connected = Não conectada.
console-stores-connected = Conectada a { $shop } (alterada { $when }).
console-stores-webhook-url = URL de webhook para colar na loja:
console-stores-keep = Campos secretos deixados vazios mantêm o que está guardado.
console-stores-save = Salvar
console-stores-remove = Desconectar
console-stores-shopify-steps = No admin do Shopify: Configurações → Notificações → Webhooks → Criar webhook, para "Criação de processamento de pedido" e de novo para "Atualização de processamento de pedido", formato JSON, a URL acima. Cole aqui a chave com que a página diz assinar seus webhooks (ou o client secret do seu app) e um token da Admin API que possa ler pedidos.
console-stores-woocommerce-steps = No WooCommerce: Configurações → Avançado → Webhooks → Adicionar webhook, tópico "Pedido atualizado", a URL acima como URL de entrega e um segredo; cole esse segredo aqui. Depois Configurações → Avançado → REST API → Adicionar chave (leitura): cole a chave e o segredo do consumidor. Os códigos de rastreio vêm da extensão Shipment Tracking.
console-stores-shop = Loja (acme.myshopify.com)
console-stores-site = Endereço da loja (https://loja.example)
console-stores-secret = Segredo de assinatura
console-stores-secret2 = Segundo segredo de assinatura (durante a troca)
console-stores-token = Token de acesso da Admin API
console-stores-consumer-key = Chave do consumidor
console-stores-consumer-secret = Segredo do consumidor
console-stores-carrier-names = Seus nomes para transportadoras, um por linha: Acme Express = dhl
console-notice-store-saved = A loja está conectada. O próximo webhook traz os envios dela.
console-notice-store-removed = A loja foi desconectada: os webhooks dela são recusados a partir de agora.
console-analytics = Análises
console-analytics-from = De
console-analytics-to = Até
console-analytics-carrier = Código da transportadora
console-analytics-lane = Rota (país-região)
console-analytics-table = Os números
console-analytics-definitions = O que cada número significa
console-analytics-feedback = Avaliações dos clientes por transportadora, e no prazo contra atrasados: veja Avaliações
console-analytics-make-good = Pacotes atrasados compensados: { $given }; desses clientes, { $again } compraram de novo.
console-analytics-0 = Pacotes entregues por dia
console-analytics-1 = No prazo prometido, por transportadora
console-analytics-2 = No prazo prometido, por rota
console-analytics-3 = Tempo de trânsito (percentil 90, dias úteis), por transportadora
console-analytics-4 = Exceções por pacote concluído, por transportadora
console-analytics-5 = Entregues dentro da janela estimada, por transportadora
console-analytics-6 = Mensagens enviadas, por canal
console-analytics-7 = Visitas à página de rastreio por dia
console-analytics-more = Todas as análises: cada gráfico, por transportadora e rota, em qualquer período
