"""Curated name lists for synthetic persons, written from public knowledge.

Each entry is `Latin variant|variant|...=original script`. The first Latin variant is the
canonical spelling; the others are romanisations commonly seen in German and international
registers. The original script is given only where it is well established; entries without
`=` have none. No list here comes from a personal-data dump (never use `names-dataset`).

Sources (public reference works, consulted for which names are common and how they are
romanised, not copied):
- Wikipedia, "Arabic name", "Muhammad (name)", "Abd al-Rahman", "Arabic definite article"
  (al-/el- and sun-letter assimilation), "Nasab"; ALA-LC Romanization Tables: Arabic, Persian,
  Pashto (Library of Congress).
- Wikipedia, "Persian name", "Pashtun name", "List of Pashtun tribes" (-zai family names).
- Wikipedia, "Kurdish name", "Kurdish alphabets" (Kurmanji Latin, Sorani Arabic script).
- Wikipedia, "Habesha name", "Tigrinya language" (no family names: the father's given name
  follows; Ge'ez script), Unicode chart Ethiopic U+1200.
- Wikipedia, "Turkish name", "Turkish alphabet"; TÜİK press releases on the most common
  given names and surnames in Türkiye.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Name:
    """One name with its romanisations (first is canonical) and its original script, if known."""

    variants: tuple[str, ...]
    original: str = ""

    @property
    def canonical(self) -> str:
        return self.variants[0]


def _parse(block: str) -> tuple[Name, ...]:
    names = []
    for line in block.strip().splitlines():
        latin, _, original = line.strip().partition("=")
        names.append(Name(tuple(v.strip() for v in latin.split("|")), original.strip()))
    return tuple(names)


ARABIC_MALE = _parse("""
Mohammed|Muhammad|Mohamad|Mohamed|Mohammad=محمد
Ahmed|Ahmad=أحمد
Abd al-Rahman|Abdulrahman|Abdurrahman|Abdelrahman=عبد الرحمن
Abdullah|Abdallah|Abd Allah=عبد الله
Abd al-Karim|Abdulkarim|Abdelkarim=عبد الكريم
Mahmoud|Mahmud|Mahmood=محمود
Khaled|Khalid|Chalid=خالد
Omar|Umar|Omer=عمر
Ali|Aly=علي
Hassan|Hasan=حسن
Hussein|Husain|Hussain|Hosein=حسين
Youssef|Yusuf|Yousef|Yousif=يوسف
Ibrahim|Ebrahim|Ibraheem=إبراهيم
Mustafa|Moustafa|Mostafa=مصطفى
Samer|Sameer=سامر
Firas|Feras=فراس
Walid|Waleed|Walied=وليد
Tariq|Tarek|Tareq=طارق
Hamza|Hamzah=حمزة
Saleh|Salih|Salah=صالح
Yasser|Yasir|Yaser=ياسر
Nizar=نزار
Jamal|Gamal|Djamal=جمال
Bilal=بلال
Anas=أنس
""")

ARABIC_FEMALE = _parse("""
Fatima|Fatimah|Fatma=فاطمة
Aisha|Aischa|Ayesha|Aysha=عائشة
Maryam|Mariam|Meryem=مريم
Zainab|Zeinab|Zaynab=زينب
Nour|Noor|Nur=نور
Rania|Ranya=رانيا
Huda|Hoda=هدى
Amal=أمل
Layla|Leila|Laila=ليلى
Rasha=رشا
Hala=هالة
Samira|Samirah|Sameera=سميرة
Khadija|Khadidja|Khadeeja=خديجة
Yasmin|Yasmine|Jasmin=ياسمين
Asmaa|Asma=أسماء
Rima|Reem|Rim=ريم
Salma=سلمى
Dina|Dena=دينا
""")

SYRIAN_FAMILY = _parse("""
al-Hassan|Al Hassan|Alhassan|El-Hassan=الحسن
al-Ahmad|Al Ahmad|Alahmad=الأحمد
al-Khatib|Al Khatib|Alkhatib|El-Khatib=الخطيب
al-Masri|Al Masri|El-Masri=المصري
Haddad|Hadad=حداد
al-Halabi|Al Halabi|Halabi=الحلبي
Kurdi|Al Kurdi|Alkurdi=كردي
al-Shami|Al Shami|Alshami|Al-Chami=الشامي
Othman|Osman|Uthman=عثمان
al-Najjar|Al Najjar|Alnajjar|Najjar=النجار
Darwish|Darwich|Darvish=درويش
Hamdan=حمدان
al-Homsi|Al Homsi|Homsi=الحمصي
al-Ali|Al Ali|Alali=العلي
Sabbagh|Sabagh=صباغ
Qassem|Kassem|Qasim|Kasem=قاسم
al-Sayed|Al Sayyid|Alsayed|El-Sayed=السيد
Jaber|Jabir|Djaber=جابر
al-Khalil|Al Khalil|Alkhalil=الخليل
Abdo|Abdou|Abdu=عبدو
Hamoud|Hammoud|Hamud=حمود
Zaher|Zahir=زاهر
""")

IRAQI_MALE = _parse("""
Haider|Haidar|Hayder|Heidar=حيدر
Abbas|Abas=عباس
Ammar|Amar=عمار
Sajjad|Sajad=سجاد
Murtada|Murtadha|Mortada=مرتضى
Karrar|Karar=كرار
Zaid|Zeid|Zayd=زيد
Qasim|Kasim|Qassim=قاسم
Muntadher|Muntadhar|Montazer=منتظر
""")

IRAQI_FAMILY = _parse("""
al-Jubouri|Al Jaburi|Aljubouri|Al-Juburi=الجبوري
al-Tamimi|Al Tamimi|Altamimi|Tamimi=التميمي
al-Obaidi|Al Ubaidi|Alobaidi=العبيدي
al-Dulaimi|Al Dulaimi|Aldulaimi|Dulaimi=الدليمي
al-Saadi|Al Saadi|Alsaadi=الساعدي
al-Rubaie|Al Rubaiy|Alrubaie=الربيعي
al-Shammari|Al Shammari|Alshammari|Shammari=الشمري
al-Zubaidi|Al Zubaidi|Alzubaidi=الزبيدي
al-Janabi|Al Janabi|Aljanabi=الجنابي
al-Bayati|Al Bayati|Albayati=البياتي
al-Khafaji|Al Khafaji|Alkhafaji=الخفاجي
Kadhim|Kazem|Kazim|Kadim=كاظم
Jawad|Jawaad|Djawad=جواد
al-Musawi|Al Moussawi|Almusawi=الموسوي
al-Hashimi|Al Hashemi|Alhashimi=الهاشمي
""")

KURDISH_MALE = _parse("""
Azad|Asad=ئازاد
Rebwar|Rebuar
Shvan|Shivan|Schivan
Dilshad|Dilşad|Dilschad
Karwan|Karvan
Hemin|Hemn
Zana|Sana
Baran
Kawa|Kaveh|Kava
Rezan|Rezhan
Serhat|Serhad
""")

KURDISH_FEMALE = _parse("""
Rojin|Rozhin|Roschin
Shilan|Şilan|Schilan
Nasrin|Nesrin|Nasreen=نسرين
Berivan|Beriwan
Jiyan|Jian|Zhiyan
Avin|Avîn|Awin
Dilan
Nazdar|Nazdar
Hevin|Hewin
""")

KURDISH_FAMILY = _parse("""
Aziz|Asis=عزيز
Karim|Kareem|Kerim=كريم
Rasul|Rasool|Rassoul=رسول
Qadir|Kadir|Qader=قادر
Mirza|Mirsa
Faraj|Farag|Feredsch=فرج
Sharif|Scharif|Şerif=شريف
Hamad|Hamed=حمد
Zebari|Zibari
Berwari|Barwari
Mustafa|Mustefa=مصطفى
""")

AFGHAN_MALE = _parse("""
Mohammad|Muhammad|Mohamad|Mohammed=محمد
Ahmad|Ahmed=احمد
Abdul Rahim|Abdulrahim|Abdurrahim|Abdolrahim=عبد الرحیم
Hamid|Hameed=حمید
Rahim|Raheem=رحیم
Farid|Fareed=فرید
Navid|Naveed|Nawid=نوید
Wahid|Vahid|Waheed=وحید
Jawad|Javad|Dschawad=جواد
Mustafa|Mostafa=مصطفی
Hussain|Hossein|Husain|Hussein=حسین
Zabihullah|Zabiullah|Sabihullah=ذبیح الله
Rahmatullah|Rahmatollah|Rahmatulla=رحمت الله
Habibullah|Habibollah|Habiballah=حبیب الله
Samiullah|Samiollah|Samiulla=سمیع الله
Ghulam|Gholam|Golam=غلام
Nasir|Naser|Nasser=ناصر
Sayed|Said|Sayyed|Seyed=سید
Omid|Umed|Omed=امید
Jamshid|Jamshed|Dschamschid=جمشید
Mahmood|Mahmud|Mahmoud=محمود
Gul|Gull|Gol=گل
Bilal|Belal=بلال
Shafiq|Shafiq|Schafik=شفیق
""")

AFGHAN_FEMALE = _parse("""
Fatima|Fatema|Fatemeh=فاطمه
Maryam|Mariam|Marjam=مریم
Zahra|Sahra|Zahraa=زهرا
Farida|Faride|Fareeda=فریده
Soraya|Suraya|Suraia=ثریا
Nargis|Narges|Nargiz=نرگس
Malalai|Malalay|Malali=ملالی
Shabnam|Schabnam|Shabnum=شبنم
Parwana|Parvaneh|Parwane=پروانه
Hamida|Hamide|Hameeda=حمیده
Laila|Leila|Layla=لیلا
Mahbooba|Mahbuba|Mahbubeh=محبوبه
Marzia|Marzieh|Marsia=مرضیه
Fereshta|Fereshteh|Freshta=فرشته
Zarghona|Zarghuna|Sarghuna=زرغونه
Masouma|Masuma|Masoomeh=معصومه
""")

AFGHAN_FAMILY = _parse("""
Ahmadi|Ahmady=احمدی
Mohammadi|Muhammadi|Mohamadi=محمدی
Rahimi|Raheemi=رحیمی
Karimi|Kareemi=کریمی
Hussaini|Hosseini|Husseini|Hosaini=حسینی
Hashimi|Hashemi|Haschemi=هاشمی
Sadat|Saadat=سادات
Noori|Nuri|Nouri=نوری
Azizi|Asisi=عزیزی
Haidari|Heydari|Haydari=حیدری
Rezaei|Rezai|Rezaie=رضایی
Jafari|Jafary|Dschafari=جعفری
Popal|Popalzai=پوپل
Stanikzai|Stanekzai=ستانکزی
Ahmadzai|Ahmadsai=احمدزی
Safi|Saafi=صافی
Yousufzai|Yousafzai|Yusufzai=یوسفزی
Sultani|Soltani=سلطانی
Amiri|Ameri=امیری
Nazari|Nasari=نظری
Wardak|Wardag|Vardak=وردک
Shinwari|Shinwary|Schinwari=شینواری
""")

TIGRINYA_MALE = _parse("""
Yonas|Jonas|Yonas=ዮናስ
Tesfay|Tesfai|Tesfaye=ተስፋይ
Dawit|Dawitt|Davit=ዳዊት
Samuel|Samiel|Sammuel=ሳሙኤል
Solomon|Selomon|Salomon=ሰሎሞን
Yohannes|Yohanes|Johannes=ዮሃንስ
Kidane|Kidanie|Kidan=ኪዳነ
Henok|Henock|Hanok=ሄኖክ
Yemane|Yemani|Jemane=የማነ
Filmon|Filemon|Philmon
Habtom|Habtu|Habtoum
Mehari|Mihari|Mehary
Amanuel|Emanuel|Amanual
Goitom|Goytom|Goitum
Mussie|Musie|Muse
Ermias|Ermyas|Ermiyas
Tekle|Teklay|Tekleh=ተኽለ
Haile|Hayle|Haili=ሃይለ
""")

TIGRINYA_FEMALE = _parse("""
Senait|Senayt|Sennait=ሰናይት
Selam|Salam|Sellam=ሰላም
Saba|Sabah|Sabaa=ሳባ
Yordanos|Yordanus|Jordanos=ዮርዳኖስ
Eden|Edenn|Edan=ኤደን
Hiwet|Hiywet|Hiewet=ሕይወት
Luwam|Luam|Lwam
Meron|Merone|Miron
Winta|Wintana|Vinta
Freweyni|Frewoini|Fruweyni
Tsega|Tsige|Sega
Ruta|Rutha|Rutta
""")

TIGRINYA_FATHER = _parse("""
Tesfamariam|Tesfamariyam|Tesfamaryam
Ghebremedhin|Gebremedhin|Gebremedin
Habtemariam|Habtemariyam|Habtemaryam
Woldemichael|Weldemichael|Woldemikael
Tewelde|Tewolde|Teweldeh
Gebrehiwet|Ghebrehiwet|Gebrehiwot
Kahsay|Kahsai|Kahsaye
Berhane|Berhani|Birhane
Asfaha|Asfeha|Asfaha
Negash|Negasch|Nigash=ነጋሽ
Andemariam|Andemaryam|Andemariyam
Okbazghi|Okbasghi|Ukbazghi
Tesfay|Tesfai|Tesfaye=ተስፋይ
Kidane|Kidanie|Kidan=ኪዳነ
Haile|Hayle|Haili=ሃይለ
Yemane|Yemani|Jemane=የማነ
Tekle|Teklay|Tekleh=ተኽለ
Mehari|Mihari|Mehary
""")

TURKISH_MALE = _parse("""
Mehmet|Mehmed|Mehmett=Mehmet
Mustafa|Moustafa|Mustafah=Mustafa
Ahmet|Ahmed|Achmet=Ahmet
Ali|Aly|Alie=Ali
Hüseyin|Huseyin|Hueseyin|Hüsseyin=Hüseyin
Hasan|Hassan|Hasn=Hasan
İbrahim|Ibrahim|Ibraim=İbrahim
Yusuf|Jusuf|Yussuf=Yusuf
Murat|Murad|Muratt=Murat
Ömer|Omer|Oemer=Ömer
Emre|Emreh|Emra=Emre
Burak|Burrak|Buraq=Burak
Serkan|Serkhan|Sercan=Serkan
Osman|Othman|Osmann=Osman
Kemal|Kamal|Cemal=Kemal
Çağlar|Caglar|Tschaglar=Çağlar
Uğur|Ugur|Uur=Uğur
Mahmut|Mahmud|Machmut=Mahmut
Halil|Chalil|Halill=Halil
Recep|Recep|Redschep=Recep
""")

TURKISH_FEMALE = _parse("""
Ayşe|Ayse|Aysche|Aische=Ayşe
Fatma|Fatime|Fadma=Fatma
Emine|Emina|Emine=Emine
Hatice|Hatidsche|Hatije=Hatice
Zeynep|Zeinep|Seynep=Zeynep
Elif|Elief|Eliff=Elif
Özlem|Ozlem|Oezlem=Özlem
Merve|Merwe|Mervé=Merve
Büşra|Busra|Buesra=Büşra
Şeyma|Seyma|Scheyma=Şeyma
Gülsüm|Gulsum|Guelsuem=Gülsüm
Hülya|Hulya|Huelya=Hülya
Songül|Songul|Songuel=Songül
Esra|Esrah|Esraa=Esra
""")

TURKISH_FAMILY = _parse("""
Yılmaz|Yilmaz|Yilmas|Jilmaz=Yılmaz
Kaya|Kaja|Kayah=Kaya
Demir|Demirr|Temir=Demir
Şahin|Sahin|Schahin=Şahin
Çelik|Celik|Tschelik=Çelik
Yıldız|Yildiz|Yildis=Yıldız
Yıldırım|Yildirim|Yildirm=Yıldırım
Öztürk|Ozturk|Oeztuerk=Öztürk
Aydın|Aydin|Aidin=Aydın
Özdemir|Ozdemir|Oezdemir=Özdemir
Arslan|Aslan|Arslann=Arslan
Doğan|Dogan|Doan=Doğan
Kılıç|Kilic|Kilitsch=Kılıç
Çetin|Cetin|Tschetin=Çetin
Kara|Karah|Qara=Kara
Koç|Koc|Kotsch=Koç
Kurt|Kurd|Kurtt=Kurt
Özkan|Ozkan|Oezkan=Özkan
Şimşek|Simsek|Schimschek=Şimşek
Polat|Pollat|Bolat=Polat
Tunç|Tunc|Tuntsch=Tunç
""")


@dataclass(frozen=True)
class CountryNames:
    """Name pools of one country: male, female and family names, the script of `original`."""

    male: tuple[Name, ...]
    female: tuple[Name, ...]
    family: tuple[Name, ...]
    script: str
    family_is_fathers_name: bool = False


COUNTRY_NAMES: dict[str, CountryNames] = {
    "SYR": CountryNames(
        ARABIC_MALE + KURDISH_MALE[:4],
        ARABIC_FEMALE + KURDISH_FEMALE[:3],
        SYRIAN_FAMILY + KURDISH_FAMILY[:3],
        "Arab",
    ),
    "IRQ": CountryNames(
        ARABIC_MALE + IRAQI_MALE + KURDISH_MALE,
        ARABIC_FEMALE + KURDISH_FEMALE,
        IRAQI_FAMILY + KURDISH_FAMILY + SYRIAN_FAMILY[:6],
        "Arab",
    ),
    "AFG": CountryNames(AFGHAN_MALE, AFGHAN_FEMALE, AFGHAN_FAMILY, "Arab"),
    "ERI": CountryNames(
        TIGRINYA_MALE, TIGRINYA_FEMALE, TIGRINYA_FATHER, "Ethi", family_is_fathers_name=True
    ),
    "TUR": CountryNames(
        TURKISH_MALE + KURDISH_MALE[:5],
        TURKISH_FEMALE + KURDISH_FEMALE[:4],
        TURKISH_FAMILY,
        "Latn",
    ),
}

# Languages per nationality (ISO 639-1 where it exists, else 639-3): main language first.
LANGUAGES: dict[str, tuple[tuple[str, ...], ...]] = {
    "SYR": (("ar",), ("ar", "en"), ("ku", "ar"), ("ar", "fr")),
    "IRQ": (("ar",), ("ar", "en"), ("ckb", "ar"), ("ku", "ar")),
    "AFG": (("fa",), ("ps",), ("ps", "fa"), ("fa", "en")),
    "ERI": (("ti",), ("ti", "en"), ("ti", "ar"), ("tig", "ti")),
    "TUR": (("tr",), ("tr", "en"), ("ku", "tr"), ("tr", "de")),
}
