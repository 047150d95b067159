"""Interview notes in the four languages with planted themes, paraphrased (not repeated
sentences), and notes that belong to no theme: what theme suggestions are measured on.

Each language has three planted themes (a card payment that fails, a late delivery, helpful
chat support), five notes each, and four unrelated notes."""

from __future__ import annotations

THEMES = ("payment", "delivery", "support")

CORPUS: dict[str, dict[str, list[str]]] = {
    "en": {
        "payment": [
            "My card was declined twice at checkout even though it works everywhere else.",
            "Paying failed at the last step, the card payment just would not go through.",
            "The checkout kept rejecting my credit card, I gave up paying.",
            "Payment error again when I tried to pay by card.",
            "I could not pay, the card was refused with no explanation.",
        ],
        "delivery": [
            "The parcel arrived four days late and nobody told me.",
            "Delivery was late again, the courier never showed up in the promised slot.",
            "My order came a week after the promised delivery date.",
            "The courier was late and the delivery window was missed.",
            "Late delivery: waited all day at home for the parcel.",
        ],
        "support": [
            "The support agent on chat was quick and really helpful.",
            "Chat support solved my problem in five minutes, very helpful.",
            "Helpful support, the agent answered right away in the chat.",
            "I asked the chat support and got a quick, friendly answer.",
            "Support on the live chat was fast and helpful.",
        ],
        "": [
            "I like the colours of the new website.",
            "My brother recommended the shop to me.",
            "The invoice PDF has my old address.",
            "I read the reviews before I signed up.",
        ],
    },
    "hu": {
        "payment": [
            "A kártyámat kétszer is elutasította a fizetésnél, pedig máshol működik.",
            "A fizetés az utolsó lépésnél nem sikerült, a kártyás fizetés nem ment át.",
            "A pénztár folyton elutasította a bankkártyámat, feladtam a fizetést.",
            "Megint fizetési hiba, amikor kártyával akartam fizetni.",
            "Nem tudtam fizetni, a kártyát indoklás nélkül elutasították.",
        ],
        "delivery": [
            "A csomag négy napot késett, és senki nem szólt.",
            "A szállítás megint késett, a futár nem jött meg az ígért időben.",
            "A rendelésem egy héttel az ígért szállítási nap után érkezett.",
            "A futár késett, és lemaradtunk a szállítási időablakról.",
            "Késő szállítás: egész nap otthon vártam a csomagot.",
        ],
        "support": [
            "Az ügyfélszolgálatos a chaten gyors volt és nagyon segítőkész.",
            "A chates ügyfélszolgálat öt perc alatt megoldotta a problémámat, nagyon segítőkész.",
            "Segítőkész ügyfélszolgálat, a munkatárs azonnal válaszolt a chaten.",
            "Megkérdeztem a chates ügyfélszolgálatot, és gyors, kedves választ kaptam.",
            "Az élő chates ügyfélszolgálat gyors és segítőkész volt.",
        ],
        "": [
            "Tetszenek az új weboldal színei.",
            "A bátyám ajánlotta nekem a boltot.",
            "A számla PDF-en a régi címem szerepel.",
            "Regisztráció előtt elolvastam a véleményeket.",
        ],
    },
    "ru": {
        "payment": [
            "Мою карту дважды отклонили при оплате, хотя везде она работает.",
            "Оплата не прошла на последнем шаге, платёж картой просто не проходил.",
            "Касса постоянно отклоняла мою банковскую карту, я бросил оплату.",
            "Снова ошибка оплаты, когда я пытался заплатить картой.",
            "Не смог оплатить, карту отклонили без объяснений.",
        ],
        "delivery": [
            "Посылка пришла на четыре дня позже, и никто не предупредил.",
            "Доставка опять опоздала, курьер не приехал в обещанное время.",
            "Заказ пришёл через неделю после обещанной даты доставки.",
            "Курьер опоздал, и окно доставки было пропущено.",
            "Поздняя доставка: весь день ждал посылку дома.",
        ],
        "support": [
            "Сотрудник поддержки в чате ответил быстро и очень помог.",
            "Поддержка в чате решила мою проблему за пять минут, очень помогли.",
            "Отзывчивая поддержка, оператор сразу ответил в чате.",
            "Я написал в поддержку в чате и получил быстрый вежливый ответ.",
            "Поддержка в онлайн-чате была быстрой и полезной.",
        ],
        "": [
            "Мне нравятся цвета нового сайта.",
            "Брат посоветовал мне этот магазин.",
            "В PDF-счёте мой старый адрес.",
            "Перед регистрацией я прочитал отзывы.",
        ],
    },
    "fa": {
        "payment": [
            "کارتم موقع پرداخت دو بار رد شد، با این که همه جا کار می‌کند.",
            "پرداخت در مرحله آخر انجام نشد، پرداخت با کارت اصلاً انجام نمی‌شد.",
            "صفحه پرداخت مدام کارت بانکی‌ام را رد می‌کرد، از پرداخت منصرف شدم.",
            "باز هم خطای پرداخت وقتی خواستم با کارت پرداخت کنم.",
            "نتوانستم پرداخت کنم، کارت بدون توضیح رد شد.",
        ],
        "delivery": [
            "بسته چهار روز دیر رسید و کسی خبر نداد.",
            "ارسال باز هم دیر شد، پیک در زمان وعده داده شده نیامد.",
            "سفارشم یک هفته بعد از تاریخ وعده داده شده ارسال رسید.",
            "پیک دیر کرد و بازه زمانی ارسال از دست رفت.",
            "ارسال دیر: تمام روز در خانه منتظر بسته بودم.",
        ],
        "support": [
            "کارشناس پشتیبانی در چت سریع بود و خیلی کمک کرد.",
            "پشتیبانی چت مشکلم را در پنج دقیقه حل کرد، خیلی کمک کردند.",
            "پشتیبانی خوب، کارشناس فوراً در چت جواب داد.",
            "از پشتیبانی در چت پرسیدم و جواب سریع و مودبانه گرفتم.",
            "پشتیبانی چت آنلاین سریع و مفید بود.",
        ],
        "": [
            "رنگ‌های سایت جدید را دوست دارم.",
            "برادرم این فروشگاه را به من پیشنهاد داد.",
            "در فاکتور PDF آدرس قدیمی من است.",
            "قبل از ثبت‌نام نظرات را خواندم.",
        ],
    },
}


def notes(languages: tuple[str, ...] = ("en", "hu", "ru", "fa")) -> list[tuple[str, str, str]]:
    """(id, planted theme or "", text) for every note of the languages, themes interleaved as
    interviews come (not grouped by theme)."""
    rows = []
    for language in languages:
        for theme, texts in CORPUS[language].items():
            for number, text in enumerate(texts):
                rows.append((f"{language}-{theme or 'other'}-{number}", theme, text))
    rows.sort(key=lambda row: (row[0].split("-")[-1], row[0]))
    return rows
