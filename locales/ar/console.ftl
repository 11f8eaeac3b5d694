# وحدة تحكم التاجر — العربية. مترجَمة عن المصدر الإنجليزي (locales/en/console.ftl)؛
# وأي رسالة غير موجودة هنا تُعرض بالإنجليزية.

console = وحدة التحكم
console-sign-in = تسجيل الدخول
console-sign-in-intro = سجّل الدخول إلى { $product } بعنوان البريد الإلكتروني الذي دعاك إليه فريقك.
console-email = عنوان البريد الإلكتروني
console-password = كلمة المرور
console-password-hint = 12 حرفًا على الأقل. العبارة المكوّنة من بضع كلمات سهلة التذكّر وصعبة التخمين.
console-sign-in-refused = لا يوجد حساب بعنوان البريد الإلكتروني وكلمة المرور هذين.
console-sign-in-limited = محاولات كثيرة جدًا. انتظر بضع دقائق ثم حاول مرة أخرى.
console-form-expired = انتهت صلاحية النموذج. يُرجى المحاولة مرة أخرى.
console-sign-out = تسجيل الخروج
console-signed-in-as = تم تسجيل الدخول باسم { $email } ({ $role })
console-role-owner = مالك
console-role-admin = مسؤول
console-role-agent = موظف دعم
console-role-viewer = مُشاهِد
console-invitation = الانضمام إلى { $merchant }
console-invitation-intro = تمت دعوتك إلى وحدة تحكم { $merchant } بدور { $role }. اختر كلمة مرور لإكمال الانضمام.
console-invitation-gone = سبق استخدام هذا الرابط أو انتهت صلاحيته. اطلب رابطًا جديدًا من مالك فريقك.
console-set-password = تعيين كلمة المرور وتسجيل الدخول
console-password-invalid = كلمة المرور قصيرة جدًا أو طويلة جدًا: استخدم من 12 إلى 128 حرفًا.
console-forbidden = لا يسمح لك دورك بفتح هذه الصفحة. إن كنت بحاجة إليها، فاطلب ذلك من مالك فريقك.
console-shipments = الشحنات
console-all-statuses = جميع الحالات
console-filter = تصفية
console-status = الحالة
console-tracking-number = رقم التتبّع
console-order = الطلب
console-carrier = شركة الشحن
console-created = تاريخ الإنشاء
console-no-shipments = لا توجد شحنات بعد. سجّل شحنة عبر واجهة API (POST /api/v1/shipments).
console-next-page = شحنات أقدم
console-first-page = أحدث الشحنات
console-shipment = الشحنة { $number }
console-timeline = مسار الشحنة
console-raw-code = رمز شركة الشحن
console-customer-page = صفحة التتبّع الخاصة بالعميل
console-events-none = لا توجد عمليات مسح بعد.
console-back = جميع الشحنات
console-status-pending = مسجَّل
console-status-info_received = تم إنشاء بوليصة الشحن
console-status-in_transit = قيد النقل
console-status-out_for_delivery = خرج للتوصيل
console-status-failed_attempt = محاولة توصيل فاشلة
console-status-available_for_pickup = جاهز للاستلام
console-status-delivered = تم التوصيل
console-status-exception = مشكلة
console-status-return_to_sender = يُعاد إلى المرسِل
console-status-expired = انتهت مدة التتبّع
console-status-cancelled = توقّف التتبّع
console-when = الوقت
console-scan = عملية المسح
console-actions = الإجراءات
console-refresh = تحديث الآن
console-cancel = إيقاف التتبّع
console-cancel-confirm = أفهم أن رابط العميل سيتوقف عن العمل وأن بياناته الشخصية ستُمحى.
console-messages = الرسائل
console-messages-none = لا توجد رسائل لهذا الطرد بعد.
console-trigger = الرسالة
console-channel = القناة
console-outcome = النتيجة
console-why = السبب
console-send-again = إعادة الإرسال
console-notice-refreshed = سنستعلم من شركة الشحن مجددًا بعد لحظات.
console-notice-too-soon = تم تحديث هذا الطرد قبل لحظات؛ حاول مرة أخرى بعد قليل.
console-notice-not-tracked = لم يعد هذا الطرد قيد التتبّع.
console-notice-cancelled = توقّف التتبّع، ومُحيت البيانات الشخصية للعميل.
console-notice-confirm = حدّد المربع للتأكيد.
console-notice-resent = أُعيدت الرسالة إلى قائمة الانتظار.
console-notice-not-resent = لا يمكن إعادة إرسال رسالة إلا إذا فشل إرسالها أو تم تخطيها.
console-team = الفريق
console-member = العضو
console-role = الدور
console-state = الحالة
console-active = نشط
console-invited = مدعو
console-invite = دعوة
console-invite-link = أرسل هذا الرابط إلى { $email }؛ يعمل مرة واحدة خلال أسبوع: { $url }
console-invite-mailed = أرسلنا دعوة بالبريد الإلكتروني إلى { $email }. الرابط نفسه، المعروض هذه المرة فقط، يعمل مرة واحدة خلال أسبوع: { $url }
console-remove = إزالة
console-notice-removed = تمت إزالة العضو وإنهاء جلساته.
console-notice-last-owner = لا يمكن إزالة آخر مالك للفريق.
console-notice-taken = يوجد بالفعل حساب في وحدة التحكم بعنوان البريد الإلكتروني هذا.
console-notice-bad-email = هذا ليس عنوان بريد إلكتروني.
console-search = بحث
console-search-hint = رقم التتبّع أو رقم الطلب أو البريد الإلكتروني للعميل (مطابقة تامة)
console-search-none = لا توجد نتائج لـ «{ $query }».
console-keys = مفاتيح API
console-key = المفتاح
console-key-hint = ينتهي بـ
console-last-used = آخر استخدام
console-never = لم يُستخدم بعد
console-new-key = إنشاء مفتاح جديد
console-new-key-shown = مفتاحك الجديد، معروض هذه المرة فقط: { $key }
console-revoke = إبطال
console-notice-revoked = تم إبطال المفتاح، وسيُرفض فورًا.
console-notice-last-key = يحتفظ المتجر بمفتاح واحد على الأقل: أنشئ مفتاحًا آخر قبل إبطال هذا المفتاح.
console-notice-too-many-keys = لا يمكن أن يكون للمتجر أكثر من مفتاحين نشطين: أبطِل أحدهما أولًا.
console-audit = سجل التدقيق
console-who = مَن
console-what = الإجراء
console-target = العنصر
console-changes = التغييرات
console-operator = مشغّل المنصة
console-sign-out-everywhere = تسجيل الخروج من جميع الأجهزة
console-branding = الهوية التجارية
console-carriers = شركات الشحن
console-field-name = اسم المتجر
console-field-brand-color = لون العلامة التجارية
console-field-support-email = البريد الإلكتروني للدعم
console-field-support-url = صفحة الدعم
console-field-lookup-slug = عنوان البحث عن الطلبات
console-hint-brand-color = تستخدمه الأزرار والعناوين خلفيةً لنص أبيض، لذا يجب أن يكون داكنًا بما يكفي لقراءة النص: تباين لا يقل عن 4.5:1 (WCAG AA). اختيار الأزرق الخاص بـ shipmate (#2b5f8a) يعني عدم استخدام لون خاص بك.
console-hint-lookup-slug = يجد العملاء الطلب على /track/ متبوعًا بهذه القيمة: من 3 إلى 40 حرفًا أو رقمًا، مع شَرطات في الوسط فقط. فارغ: معرّف المتجر.
console-save = حفظ
console-preview = معاينة
console-preview-page = صفحة التتبّع
console-preview-email = رسالة «تم الشحن» الإلكترونية
console-notice-saved = تم الحفظ. سيرى العملاء التغيير في زيارتهم التالية.
console-logo = الشعار
console-logo-none = لا يوجد شعار بعد: تعرض الصفحات اسم المتجر.
console-logo-current = الشعار الذي يراه العملاء
console-field-logo = ملف الشعار
console-hint-logo = ملف PNG أو JPEG أو WebP أو SVG، بحجم 1 MiB كحد أقصى. يُعاد تحجيم الصور لتلائم 600 × 200 بكسل وتُحفظ من جديد بصيغة PNG؛ ولا يجوز أن يحتوي ملف SVG على نصوص برمجية أو روابط إلى ملفات أخرى.
console-logo-upload = رفع الشعار
console-logo-remove = إزالة الشعار
console-logo-choose = اختر ملفًا لرفعه.
console-notice-logo-saved = يظهر الشعار الجديد الآن على صفحاتك.
console-notice-logo-removed = تمت إزالة الشعار: تعرض الصفحات اسم المتجر.
console-detect = أي شركة شحن؟
console-detect-hint = الصق رقم تتبّع لمعرفة شركات الشحن التي قد تكون أصدرته.
console-detect-none = لا توجد شركة شحن يعرفها shipmate تُصدر أرقامًا كهذا الرقم.
console-check-digit = رقم التحقق خاطئ
console-credentials-keep = اترك الحقول أعلاه فارغة للاحتفاظ ببيانات الاعتماد المحفوظة (لتغيير المعدّل أو وتيرة الاستعلام فقط).
console-connected = متصل بالحساب المنتهي بـ { $hint } منذ { $when }.
console-gate-ok = يستجيب بشكل طبيعي.
console-gate-open = متوقف مؤقتًا حتى { $until } بعد إخفاقات متتالية (عددها: { $failures })؛ وبعدها تمرّ محاولة واحدة.
console-gate-held = طلبت منا شركة الشحن الانتظار حتى { $until }.
console-last-error = آخر خطأ ({ $when }): { $error }
console-cred-client-id = معرّف العميل (Client ID)
console-cred-client-secret = سرّ العميل (Client secret)
console-cred-api-key = مفتاح API
console-cred-username = اسم المستخدم
console-cred-password = كلمة المرور
console-rate = الاستعلامات في الثانية
console-rate-hint = من 0.01 إلى 1000؛ فارغ: الحد الذي تضعه المنصة لشركة الشحن هذه.
console-cadence = وتيرة الاستعلام
console-cadence-hint = الحالة=المدة، مفصولة بفواصل، من 1m إلى 7d (مثل in_transit=30m, out_for_delivery=10m)؛ فارغ: وتيرة المنصة.
console-test = اختبار الاتصال
console-notice-carrier-saved = تم الحفظ. بيانات الاعتماد محفوظة مشفّرة ولن تُعرض مرة أخرى.
console-notice-carrier-removed = تمت إزالة الحساب، وسيعود حساب المنصة (إن وُجد) إلى الاستعلام.
console-notice-test-ok = قبلت شركة الشحن بيانات الاعتماد.
console-notice-test-refused = رفضت شركة الشحن بيانات الاعتماد هذه.
console-notice-test-wait = يجب أن ينتظر الحساب قبل الاستعلام التالي؛ حاول مرة أخرى بعد قليل.
console-notice-test-failed = تعذّر الوصول إلى شركة الشحن؛ الخطأ الذي أعادته معروض على البطاقة.
console-notice-not-connected = احفظ بيانات الاعتماد قبل اختبارها.
console-notice-accounts-off = حسابات شركات الشحن الخاصة بالمتاجر معطّلة على هذا الخادم: يجب أن يضبط مشغّل المنصة security.credential_keys.
console-matrix = الرسائل التي تُرسل عبر كل قناة
console-channel-email = البريد الإلكتروني
console-channel-sms = الرسائل النصية
console-channel-whatsapp = واتساب
console-channel-outbox = صندوق الصادر (ملفات)
console-trigger-shipped = تم الشحن
console-trigger-in-transit = قيد النقل
console-trigger-delay = متأخر
console-trigger-eta-changed = موعد توصيل جديد
console-trigger-out-for-delivery = خرج للتوصيل
console-trigger-failed-attempt = تعذّر التسليم
console-trigger-available-for-pickup = جاهز للاستلام
console-trigger-delivered = تم التوصيل
console-trigger-return-to-sender = في طريق العودة إلى المتجر
console-trigger-feedback-request = طلب رأي العميل
console-channel-order = ترتيب القنوات
console-channel-order-hint = تُجرَّب القنوات بهذا الترتيب، مفصولة بفواصل (email, sms, whatsapp): إذا لم تتوفر لدى العميل وسيلة الاتصال هذه، أو تعذّر توصيل الرسالة، يُنتقل إلى القناة التالية.
console-daily-cap = التحديثات لكل طرد يوميًا
console-daily-cap-hint = الحد الأقصى 50؛ 0: بلا حد؛ فارغ: قيمة المنصة ({ $platform }). أما الرسائل التي تطلب من العميل اتخاذ إجراء ورسالة النتيجة النهائية فتُرسل دائمًا.
console-feedback-after = طلبات الرأي بعد التوصيل
console-feedback-after-hint = ما يصل إلى 3 فترات انتظار، مفصولة بفواصل، كل منها من 1h إلى 30d (مثل 2h, 3d)؛ فارغ: قيم المنصة.
console-review-url = رابط التقييم للعملاء الراضين
console-make-good = التوصيل المتأخر
console-make-good-hint = إذا سُلِّم طرد بعد الموعد الموعود بأكثر من عدد الأيام أدناه، يظهر هذا النص في رسالة التوصيل وعلى صفحة الطرد؛ وعند تفعيل الرموز، يحصل كل عميل من هؤلاء أيضًا على رمز خصم واحد من مخزونك (مرة واحدة لكل عميل). الرموز المتبقية في المخزون: { $left }. ارفع الرموز عبر POST /api/v1/make-good/codes.
console-make-good-text = الاعتذار والعرض (فارغ: معطّل)
console-make-good-days = عدد أيام التأخير قبل التطبيق
console-make-good-codes = إضافة رمز خصم من المخزون
console-make-good-low = التنبيه عبر خطاف ويب عندما يتبقى هذا العدد من الرموز
console-suggestions = «قد يعجبك أيضًا» في رسالة التوصيل الإلكترونية
console-suggestion-name = الاسم
console-suggestion-url = الرابط
console-quiet-hours = تنتظر الرسائل النصية ورسائل واتساب انقضاء هذه الفترة بحسب المنطقة الزمنية للعميل، مثل 21:00-08:00؛ off: بلا فترة؛ فارغ: فترة المنصة، { $from }–{ $to }.
console-quiet-hours-none = تنتظر الرسائل النصية ورسائل واتساب انقضاء هذه الفترة بحسب المنطقة الزمنية للعميل، مثل 21:00-08:00؛ off: بلا فترة؛ فارغ: فترة المنصة (لا توجد).
console-preview-message = معاينة رسالة
console-language = اللغة
console-sms-length = عدد الأحرف: { $characters }، عدد الرسائل: { $segments } ({ $encoding })
console-feedback = آراء العملاء
console-responses = الردود (30 يومًا)
console-csat = متوسط التقييم
console-satisfied = راضون (4–5)
console-nps = NPS
console-on-time = التقييم عند التوصيل في الموعد
console-late = التقييم عند التأخير
console-rating-max = تقييم لا يزيد عن
console-any = الكل
console-source = المصدر
console-export-csv = تصدير بصيغة CSV
console-rating = التقييم
console-comment = التعليق
console-detractor = منتقِد
console-feedback-none = لا توجد ردود مطابقة.
console-next = الأقدم
console-parcel = الطرد
console-preview-unsaved = معاينة للقيم أدناه: لن يُحفظ شيء حتى تضغط «حفظ».

## عوامل تصفية الشحنات وقائمة المتابعة
console-all-carriers = جميع شركات الشحن
console-needs-attention = تتطلب المتابعة
console-created-from = تاريخ الإنشاء من
console-created-to = تاريخ الإنشاء حتى
console-filter-bad = لم تُطبَّق التصفية: تحقّق من { $fields }.
console-attention-exception = مشكلة
console-attention-failed_attempt = محاولة توصيل فاشلة
console-attention-return_to_sender = في طريق العودة
console-attention-stalled = لا أخبار مؤخرًا
console-attention-forgotten = بلا مستجدات منذ مدة طويلة
console-attention-late = متأخر

## نظرة عامة
console-overview = نظرة عامة
console-by-status = الطرود حسب الحالة
console-see-all = عرض الكل
console-all-calm = لا شيء يتطلب المتابعة حاليًا.
console-sent-today = الرسائل المرسلة اليوم
console-none-sent = لم تُرسل أي رسائل اليوم بعد.
console-feedback-week = آراء العملاء هذا الأسبوع
console-answers = الردود
console-average-rating = متوسط التقييم
console-detractors = المنتقدون
console-channel-webhook = خطافات الويب

## رسالة واحدة
console-message = الرسالة
console-subject = الموضوع
console-message-text = نص الرسالة
console-message-note = أُعيد إنشاؤها من الشحنة بحالتها الحالية، بلغة العميل.
console-back-to-shipment = العودة إلى الشحنة
console-open = فتح
console-qr = رمز QR للتغليف
console-qr-hint = يفتح صفحة هذا الطرد: التتبّع قبل التوصيل، وإبداء الرأي بعده.
console-insert = بطاقة قابلة للطباعة توضع في الطرد
console-qr-alt = رمز QR لصفحة الطرد

## خطافات الويب
console-webhooks = خطافات الويب
console-endpoint = عنوان URL لنقطة النهاية
console-events = الأحداث
console-events-all = جميع الأحداث
console-events-hint = إن لم تحدد أي حدث: جميع الأحداث.
console-enabled = يُرسِل
console-disabled = معطّل
console-webhooks-none = لا توجد نقاط نهاية بعد.
console-webhook-add = إضافة نقطة نهاية
console-webhook-url-hint = عنوان https على الإنترنت؛ كل عملية تسليم موقَّعة (Standard Webhooks).
console-disable = تعطيل
console-enable = تفعيل
console-webhook-remove-confirm = إزالتها
console-deliveries = عمليات التسليم
console-deliveries-none = لم يُسلَّم شيء بعد.
console-event = الحدث
console-http-status = حالة HTTP
console-response-time = زمن الاستجابة
console-replay = إعادة الإرسال
console-webhook-secret-shown = سرّ التوقيع لنقطة النهاية، معروض هذه المرة فقط: { $secret }
console-notice-replayed = أُضيفت إلى قائمة الانتظار: ستُرسل مجددًا بعد لحظات، بنفس webhook-id.
console-notice-not-replayed = لم يُعَد الإرسال: ما زالت في قائمة الانتظار، أو أن نقطة النهاية معطّلة.
console-notice-webhook-saved = تم الحفظ.
console-notice-webhook-removed = تمت إزالة نقطة النهاية.

## عوامل تصفية آراء العملاء
console-delivery = التوصيل
console-delivered-on-time = في الموعد
console-delivered-late = متأخر

## رسائل البريد الإلكتروني إلى الفريق
console-mail-invitation-subject = تمت دعوتك إلى وحدة تحكم shipmate لمتجر { $shop }
console-mail-invitation-body =
    مرحبًا،

    تمت دعوتك إلى وحدة تحكم shipmate لمتجر { $shop }، حيث يتابع المتجر طروده ورسائله وآراء عملائه.

    اختر كلمة المرور من هنا (الرابط صالح لمرة واحدة، ومدة صلاحيته بالساعات: { $hours }):
    { $link }

    إن لم تكن تتوقع هذه الدعوة، فتجاهل هذه الرسالة.
console-mail-reset-subject = اختر كلمة مرور جديدة لوحدة تحكم shipmate لمتجر { $shop }
console-mail-reset-body =
    مرحبًا،

    طلب أحدهم اختيار كلمة مرور جديدة لحسابك في وحدة تحكم shipmate لمتجر { $shop }.

    اخترها من هنا (الرابط صالح لمرة واحدة، ومدة صلاحيته بالساعات: { $hours }؛ وستنتهي جلساتك الأخرى):
    { $link }

    إن لم تكن أنت من طلب ذلك، فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.

## إعادة تعيين كلمة المرور
console-forgot = هل نسيت كلمة المرور؟
console-reset-title = اختر كلمة مرور جديدة
console-reset-intro = أدخل عنوان البريد الإلكتروني لحسابك: سنرسل إليك رابطًا لاختيار كلمة مرور جديدة.
console-reset-send = أرسل لي رابطًا بالبريد الإلكتروني
console-reset-sent = إذا كان هناك حساب بهذا العنوان، فالرابط في طريقه إليه. يعمل الرابط مرة واحدة ولفترة محدودة.
console-reset-no-email = هذا الخادم لا يرسل رسائل بريد إلكتروني. اطلب من مالك متجرك أن يدعوك مرة أخرى.

console-quiet-hours-label = ساعات الهدوء

# الاستيراد
console-imports = الاستيراد
console-import-heading = استيراد الشحنات من ملف
console-import-help = ملف CSV (بفاصلة أو فاصلة منقوطة، مع صف أول يسمّي الأعمدة) أو NDJSON. يحتاج كل صف إلى tracking_number ورقم طلب؛ وتعمل أسماء أعمدة AfterShip كما هي: courier, order_id, title, customer_name, email, sms, destination_country. وكذلك أسماؤنا: carrier, order_number, promised_by (2026-12-01), language, items (كوب x 2 | منشفة). تبقى الصفوف المسجَّلة مسبقًا كما هي.
console-import-file = الملف
console-import-start = استيراد
console-import-choose = اختر ملفًا لاستيراده.
console-import-recent = عمليات الاستيراد الأخيرة
console-import-file-name = الملف
console-import-status-receiving = جارٍ الاستلام
console-import-status-running = جارٍ الاستيراد
console-import-status-done = اكتمل
console-import-status-failed = توقّف
console-import-rows = الصفوف
console-import-created = المُنشأة
console-import-existing = الموجودة مسبقًا
console-import-failed = الفاشلة
console-import-progress = التقدّم
console-import-one = استيراد { $name }
console-import-unnamed = ملف
console-import-refreshing = تتحدّث هذه الصفحة تلقائيًا حتى يكتمل الاستيراد.
console-import-failures = الصفوف التي فشلت
console-import-row = الصف
console-import-reason = السبب
console-import-download = نزّل الصفوف الفاشلة (CSV) لتصحيحها ورفعها مجددًا
console-import-none-failed = لم يفشل أي صف.
console-import-ignored = أعمدة لم تُقرأ: { $columns }
console-import-busy = ما زالت هناك عمليات استيراد جارية: ابدأ عملية أخرى عندما تنتهي إحداها.

# المتاجر
console-stores = المتاجر
console-stores-heading = طرود من متجرك
console-stores-intro = اربط متجرك على Shopify أو WooCommerce، وسيصبح كل طرد يشحنه شحنةً متتبَّعة تلقائيًا: يتحقق shipmate من توقيع كل خطاف ويب، ويأخذ كل حدث مرة واحدة فقط، ويسأل المتجر كل 15 دقيقة عن أي شيء فات خطافات الويب.
console-stores-off = لم يضبط مشغّل المنصة security.credential_keys، لذا لا يمكن ربط المتاجر: إذ يتعذّر حفظ بياناتها السرية مشفّرة.
console-stores-not-connected = غير مرتبط.
console-stores-connected = مرتبط بـ { $shop } (آخر تغيير: { $when }).
console-stores-webhook-url = عنوان URL لخطاف الويب الذي تلصقه في المتجر:
console-stores-keep = الحقول السرية المتروكة فارغة تحتفظ بالقيم المحفوظة.
console-stores-save = حفظ
console-stores-remove = إلغاء الربط
console-stores-shopify-steps = في لوحة إدارة Shopify: الإعدادات ← الإشعارات ← خطافات الويب (Webhooks) ← إنشاء خطاف ويب، لحدث «إنشاء التنفيذ» (Fulfillment creation) ثم مرة أخرى لحدث «تحديث التنفيذ» (Fulfillment update)، بتنسيق JSON، وبعنوان URL أعلاه. الصق هنا المفتاح الذي تذكر تلك الصفحة أن خطافات الويب لديك موقَّعة به (أو سرّ العميل لتطبيقك)، ورمز وصول Admin API يسمح بقراءة الطلبات.
console-stores-woocommerce-steps = في WooCommerce: الإعدادات ← متقدم ← خطافات الويب (Webhooks) ← إضافة خطاف ويب، بالموضوع «تم تحديث الطلب» (Order updated)، وعنوان URL أعلاه عنوانًا للتسليم، وسرّ؛ الصق هذا السرّ هنا. ثم الإعدادات ← متقدم ← REST API ← إضافة مفتاح (قراءة): الصق مفتاح المستهلك وسرّ المستهلك. تُقرأ أرقام التتبّع من إضافة Shipment Tracking.
console-stores-shop = المتجر (acme.myshopify.com)
console-stores-site = عنوان المتجر (https://shop.example)
console-stores-secret = سرّ التوقيع
console-stores-secret2 = سرّ توقيع ثانٍ (أثناء تبديل أحدهما)
console-stores-token = رمز الوصول إلى Admin API
console-stores-consumer-key = مفتاح المستهلك (Consumer key)
console-stores-consumer-secret = سرّ المستهلك (Consumer secret)
console-stores-carrier-names = أسماؤك لشركات الشحن، اسم في كل سطر: Acme Express = dhl
console-notice-store-saved = تم ربط المتجر. سيجلب خطاف الويب التالي منه طروده.
console-notice-store-removed = تم إلغاء ربط المتجر: ستُرفض خطافات الويب الواردة منه من الآن فصاعدًا.
console-analytics = التحليلات
console-analytics-from = من
console-analytics-to = إلى
console-analytics-carrier = رمز شركة الشحن
console-analytics-lane = المسار (البلد-المنطقة)
console-analytics-table = الأرقام
console-analytics-definitions = معنى كل مؤشر
console-analytics-feedback = آراء العملاء حسب شركة الشحن، والتوصيل في الموعد مقارنةً بالمتأخر: راجع «آراء العملاء»
console-analytics-make-good = الطرود المتأخرة التي عُوِّض عنها: { $given }؛ ومن هؤلاء العملاء، عدد من طلبوا مرة أخرى: { $again }.
console-analytics-0 = الطرود المسلَّمة يوميًا
console-analytics-1 = الالتزام بالموعد الموعود، حسب شركة الشحن
console-analytics-2 = الالتزام بالموعد الموعود، حسب المسار
console-analytics-3 = مدة النقل (المئين 90، أيام عمل)، حسب شركة الشحن
console-analytics-4 = المشكلات لكل طرد مكتمل، حسب شركة الشحن
console-analytics-5 = التسليم ضمن النافذة المقدّرة، حسب شركة الشحن
console-analytics-6 = الرسائل المرسلة، حسب القناة
console-analytics-7 = مشاهدات صفحة التتبّع يوميًا
console-analytics-more = جميع التحليلات: كل رسم بياني، حسب شركة الشحن والمسار، لأي فترة
