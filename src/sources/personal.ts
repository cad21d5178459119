/**
 * Column names that say a column holds personal data: names, phone numbers (the ANI/ALI of a 911 call, a
 * callback number), people (caller, complainant, reporting party, victim, witness...), or free text. safegap
 * never loads such a column (docs/decisions.md, 18): `profile init` leaves them out of its draft, and a
 * profile that reads one is refused, unless it lists the column under `not_personal` after checking it.
 */

/** Words that name a person or a way to reach one; a time or date column named after them is not personal. */
const PERSON = new RegExp(
  [
    // Ways to reach a person: `ANI/ALI`, `Ph#` and `CPN` (calling party number) were let through (tester 107).
    'phone|(^|_)(ani|ali|cpn)(_|$)|(^|_)ph(_?(no|num|number))?_*$|call_?back|contact|(^|_)mobile(_?(phone|no|num|number))?$|(^|_)cell(_?(phone|no|num|number))?$|^tel$|tel_?no|telephone|e_?mail',
    'ssn|social_?sec|dob|birth|licen[cs]e|(^|_)plates?(_|$)|(^|_)vin(_|$)',
    // People, as a CAD export names them.
    '(^|_)cbn(_|$)|e_?911_?(number|no|num)|subscriber',
    'reporting_?(party|person)|^rp$|^rp_|_rp$|caller|calling_?party|complainant|informant|reportee|request[oe]r|involved_?part(y|ies)',
    'reported_?by|called_?in_?by|(^|_)reporter(_|$)|(^|_)customers?(_?name)?$|householder|guardian|(^|_)parents?(_?name)?$|landlord|next_?of_?kin|(^|_)rp_?addr',
    'witness|victim|suspect|offender|arrestee|patient|driver|owner|(^|_)(tenant|resident|occupant|persons?|subjects?)(_|$)',
    // Staff, by name or number.
    '(^|_)officers?_?\\d*(_?(name|id|no|num|number))?$|badge|(^|_)emp(loyee)?_?(no|id|num|number)?$|operator|dispatcher|call_?taker',
    // Identity documents and vehicles.
    // Tester 261: `Veh Lic`, a plate, was drafted as a column for rules.
    '(^|_)dl(_?(no|num|number))?$|(^|_)oln(_|$)|^tags?$|(^|_)veh(icle)?_?(tags?|lic|licen[cs]e|reg|registration)(_|$)|(^|_)tag_?(no|num|number)$',
    // Free text.
    'narrative|(^|_)narr(_|$)|comment|remark|notes?(_?text)?$|^notes?_|free_?text|call_?text|synopsis|statement|(^|_)memos?(_|$)|(^|_)details?$|(^|_)messages?(_|$)|dispatch_?log|additional_?info',
    // Tester 180: a bare `Text`, other names a person goes by, their signature, where they live, their
    // health, and the same words in Spanish, all read and published.
    '^text$|(^|_)(alias|aka)(_|$)|signature|(^|_)home_?(address|addr|phone)?$|apartment|(^|_)apt_?(no|num|number)?$',
    'diagnos|medical_?(history|record|condition)|medication|(health|psych|mental)_?history',
    'nombre|apellido|tel[e_]?fon|celular|correo|domicilio|nacimiento|^nome$|geburt|^nom$|pr[e_]?nom|nachname|vorname',
    // Tester 184: CAD and RMS abbreviations of people, call-back numbers, birth years, summaries and
    // health details.
    'resp(onsible)?_?(party|pty)|^last_first$|^first_last$|^r_p$|reported_?party|^part(y|ies)$|^(last|first|middle|mi|nm|individual)$|(last|first|lst|fst|party|person|caller)_?nm$',
    '^(vic|vict|susp|subj|wit|pt|comp|occ|cmplt|cmplnt|complt)$|^cb(_?(no|num|nbr|number))?$|^cbnum$|^phn|^tel_?\\d*$|no_?tel',
    '^d_o_b$|^yob$|summary|narrat|cmnts|rmks',
    'chief_?complaint|symptom|med(ical)?_?hx|(^|_)hiv(_|$)|pregnan|allerg',
    // Tester 186: officers and staff by other titles, a caller's number in Intergraph's words, more free
    // text and birth dates.
    'deput|trooper|initials|personnel|cpers|citizen|(^|_)manager(_|$)|clrnum|(^|_)fax(_|$)|supplement|^misc$|^info$|^directions?$',
    '(problem|nature|incident|call)_?text|injury_?desc|^born$|bday|(^|_)lic(ense)?_?(no|num|number)$',
    // Tester 235: a phone number as US, Canadian and Spanish-speaking CAD exports name it (`Calling Number`
    // mapped as the beat put callers' numbers in the public report), its device's ids, and Spanish and
    // French callers and free text. Not `Incident Number`, `Call Number`, `Report Number` or `Numero de
    // Caso`: ids, which the words here never name.
    '(^|_)(calling|reporting|originating|wireless|cellular|ani|ali|cpn|cbn)_?(no|num|nbr|number|phone|tel|tn)$',
    '^cellular$|calling_?line_?id|(^|_)(clid|cli|tn)$|landline|msisdn|(^|_)(imsi|imei|meid)(_|$)|(^|_)tel(_|$)',
    '^numero$|numero_(de_)?(tel|cel|movil|llamante|origen|retorno|devolucion|contacto)|^movil(_?(no|num|nbr|numero))?$|^cel(_?(no|num|nbr|numero))?$',
    'llamante|denunciante|solicitante|quien_?llama|comentario|observaci|^observations?$|(^|_)notas?$',
    'appelant|plaignant|cellulaire|(^|_)rappel(_|$)|courriel|remarque',
    // Tester 238: callers, complainants, phones, notes, witnesses, victims and plates in Spanish, French,
    // German, Italian and Portuguese (`Reportante`, `Anrufer`, `Chiamante`, `Rufnummer`, `Kommentar`,
    // `Testigo`, `Kennzeichen`...) and a phone's device ids (`ICCID`, `ESN`) were drafted as columns for
    // rules and accepted when mapped. Whole words where a word is another's part or English: `Handy` (not
    // `Handyman`), `ESN`, `Fono`, `Zeuge` (not `Fahrzeuge`), `Kennzeichen` (not `Einsatzkennzeichen`, an id),
    // `Relato` (not `Relatorio`, a report).
    'reportante|anrufer|(^|_)melder|mitteiler|anzeige_?erstatter|chiamante|segnalante|richiedente|comunicante|requerant|declarant|que_?(llama|reporta|denuncia)',
    'querellante|querelante|quejos|queixos|reclamante|agraviad|beschwerde_?fuhrer|geschadigte|(^|_)opfer|vitima|vittim',
    'testigo|testemunh|temoin|testimon|(^|_)zeug(e|in)',
    'rufnummer|(^|_)handy(_?(nr|nummer|no|num|number))?$|(^|_)fono(_|$)|telefone|cellulare|recapito|contato|(^|_)kontakt(_?(person|personen|nummer|nr|telefon|tel|daten))?$|(^|_)tel_?nr|(^|_)(iccid|esn)(_|$)',
    'kommentar|bemerkung|anmerkung|notiz|hinweis|(^|_)relatos?(_|$)|(^|_)recit(_|$)|racconto|narraz|observac|osservazion|annotazion|anotac|sachverhalt|freitext|(texto|texte|testo)_?libr',
    '(^|_)(placas?|plaques?|targa|targhe|patente|nummernschild|(kfz_?)?kennzeichen)(_|$)|matricul',
    // Tester 244: a Portuguese caller, a mobile phone, surnames, full names and nicknames.
    'chamador|telemovel|(^|_)portable(_|$)|cognome|sobrenome|nom_de_famille|nom_complet|(^|_)apodo(_|$)',
  ].join('|'),
  'i',
);
/** `name` alone is a person's unless the column names a place, a type or an organisation. */
const NAME = /name/i;
const NAMED_THING =
  /(type|problem|nature|street|(^|_)st_|road|area|neighbo|beat|district|precinct|sector|city|county|state|agency|unit|station|place|business|premise|facility|zone|ward|division|battalion|responder|program|service|disposition|priority|common)/i;
/**
 * Times and dates of an event named after a phone or a contact (Time_PhonePickUp, Contact_Start, a team
 * log's Contact Received) are not a phone number. Start, end and the like count only as whole words, so that
 * `Offender_Name` is still a name; an event word (received, assigned...) only after `Contact` alone, so
 * that `Dispatcher_Assigned`, `Complainant_Phone_Received` or `Phone_Received` (a number?) is still personal.
 */
const TIME_OF =
  /((^|_)answered$|(^|_)at_patient$|time|date|pick_?up|(^|_)(start|end|begin|finish|stamp|ts)(_|$)|^contact_(received|arrived|assigned|cleared|closed|opened|created)$)/i;

/**
 * Words split by spaces, punctuation and camel case become one snake_case name: `ContactStart` is
 * `Contact_Start`, `ANI/ALI` is `ANI_ALI` (a slash kept it whole, and unrefused: tester 107).
 */
const norm = (s: string) =>
  s
    .trim()
    // Accents set aside: `Número` was `N_mero`, which no word names (tester 235).
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    // `Cell #` was `Cell_`, which no word ends in (tester 180).
    .replace(/^_+|_+$/g, '');

/** The name as `norm` writes it without a trailing number: a repeated header is read as `Details_1`. */
const withoutNumber = (column: string) => norm(column).replace(/_?\d+$/, '');

/**
 * A contact's own record: its number in a team's log (`Contact_ID`, BCR-00123) and what it was about, not
 * a way to reach a person. `Contact_Number` stays personal: it is as likely a phone number.
 */
const CONTACT_RECORD = /^contact_(id|reason|type|kind|category|outcome|result)$/i;

/**
 * A count of people (`Number of Officers`, `Victim Count`), an agency or a yes/no of a contact: no person's
 * data, though named after people (tester 108).
 */
const NOT_A_PERSON =
  // How a call came in, and its kind (tester 186: `Caller Type`, `Phone Line`, `Contact Method` are origin
  // columns); a type's detail, a grid's cell, a barrio's name.
  // `Tipo de ...` (tester 235) is a Spanish export's kind of a thing, as `... Type` is.
  // Tester 238: a count in Spanish, French, German, Italian or Portuguese, `Número de Víctimas`, `Anzahl Opfer`
  // (in the plural: `Nombre de la víctima` is a name).
  /_(type|category|kind|method|class|line|source|position|flag|report|required|valid|verified)$|^tipo_|^text_?911$|type_?details?$|(grid|map)_?cell|barrio|distrito|colonia|(^|_)(count|counts|number_of|num_of|no_of|total|qty)(_|$)|_agency$|^contact_?made$|(hotel|motel|school|park|business|company|building)_?name|^(numero|cantidad|anzahl|quantidade|nombre|nb|nbre)_(de_|di_|der_|d_)?(victimas|victimes|vitimas|vittime|opfer|testigos|testemunhas|testimoni|temoins|zeugen)$/i;

/** Why a column name looks personal ('a name', 'a person or a phone number'), or null. */
export function personalReason(column: string): string | null {
  // A repeated header is read as `Details_1` (tester 184: `Details` refused, its twin loaded).
  const whole = norm(column);
  const c = withoutNumber(column);
  // A date of birth is a date, and a person's (tester 180: `Date of Birth` passed as a time).
  // So is one in other languages, and a French victim, whose name ends like a time (tester 244:
  // `Date de naissance`, `Victime` were loaded).
  if (
    /birth|dob|naissance|nascita|nascimento/i.test(c) ||
    (/(^|_)victimes?(_|$)/i.test(c) && !NOT_A_PERSON.test(c))
  )
    return 'a person, a phone number or free text';
  // `Text911` is no `Text`.
  if ([c, whole].some((x) => TIME_OF.test(x) || CONTACT_RECORD.test(x) || NOT_A_PERSON.test(x))) return null;
  if (PERSON.test(c)) return 'a person, a phone number or free text';
  if (NAME.test(c) && !NAMED_THING.test(c)) return 'a name';
  return null;
}

/**
 * Whether a column's name says it holds a street address, which only `block_address` may read: there it is
 * coarsened to the block, and under any other field (an area: `neighborhood: Address`) every house with a
 * call was stored and published whole, flat numbers too (tester 180).
 */
export function namesAnAddress(column: string): boolean {
  const c = withoutNumber(column);
  // Tester 238: an address or a place in other languages (`Indirizzo`, `Ubicación`, `Einsatzort`, `Rue`), but
  // not an area named with one (`Ubicación Distrito`, `Einsatzort Stadt`).
  return (
    /addr|adres|endere|direcci|(^|_)calle(_|$)|stra_?e|hausn|indirizz|ubicaci|localizac|localisation|einsatz_?ort|standort|logradouro|(^|_)(rue|rua|lieu|morada|civico)(_|$)|(^|_)(street|location|loc|house|residence|premises?|site|apt|suite|room|rm|lot)(_|$)|^x_?street|cross_?st|hse_?n|^st(_?(no|num|nbr|name|nm))?$|^stnum$|estnum|strasse|(^|_)(floor|bldg|space)(_|$)/i.test(
      c,
    ) &&
    !/(^|_)(type|kind|id|verified|valid|segment|centerline|zip|postal|beat|district|precinct|sector|ward|zone|grid|city|county|state|tipo|distrito|barrio|colonia|ciudad|municipio|comuna|bezirk|stadt|gemeinde|ville|quartier|comune|citta|bairro|cidade|plz)(_|$)/i.test(
      c,
    )
  );
}

/**
 * Whether a column's name says it holds a point: under a field other than `lat` or `lon` (an area) its
 * exact coordinates were published as area names (tester 184: `Geolocation`, `Lat Long`, `XY`).
 */
export function namesAPoint(column: string): boolean {
  return /geo_?loc|lat_?lo?ng?|^point$|^xy$|coordinates?|^coords?$|(^|_)[xy]_?coord|state_?plane|(geo|map)_?[xy]$|^gps$|the_?geom|^wkt$|^shape$|^geom(etry)?$/i.test(
    norm(column),
  );
}
