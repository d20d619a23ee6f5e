// Word lists for the name detector. All entries are folded: lower case, accents removed,
// apostrophes as "'". Sets are built once at module load.
import { COMMON_WORD_NAMES_TEXT } from './data/common-word-names';
import { FAMILY_NAMES_TEXT } from './data/family-names';
import { GIVEN_NAMES_TEXT } from './data/given-names';

export function wordSet(...texts: string[]): ReadonlySet<string> {
  const set = new Set<string>();
  for (const text of texts) for (const w of text.split(/\s+/)) if (w) set.add(w);
  return set;
}

/** Given names that are ordinary capitalised words, places or dates: never a name on their own. */
const WEAK_GIVEN_TEXT = `
will may june april august hope grace faith joy destiny harmony serenity genesis trinity nova summer
autumn dawn ember melody lovely rose victoria regina sydney florence austin dallas jordan chelsea paris
london georgia brooklyn savannah india kenya jamaica israel lincoln hudson kingston hamilton milton
houston camden devon dakota cheyenne york adelaide amber jasper dean noel line eve long wing jihad
jesus christian justice unity liberty honor major king prince sterling chase sunny precious angel
marine lorne laurier guy bay pat sue mark bill art rich frank earl rex jean-baptiste
`;

/** Family names that are ordinary capitalised words, places, streets or organisations. */
const WEAK_FAMILY_TEXT = `
hall park lane street church court field fields hill wood woods stone ford bell price king queen young
white black green gray grey long west little day snow winter summers page mills waters meadows bond
booth chambers judge pope shepherd ward parent foster hull rose gentile toussaint fall sun song pan
tang wing jordan hamilton milton kingston london windsor york durham lincoln houston washington hudson
victoria lawrence mason power rice frost moss hale marsh pike dean baker cook hunter carter
major chase grant hart hardy holland england ireland wales scotland french english noble rich
bishop abbott bay brook brooks banks dale glen vale rivers lake lakes ray cross north south east
cole
desjardins rogers bell molson labatt loblaw loblaws bombardier irving mccain weston thomson eaton
simons sobey sobeys saputo cascades coutu hortons
`;

/** Multi-word places, organisations and brands whose words must not be read as a person's name. */
export const NOT_NAME_PHRASES: readonly string[] = [
  'tim hortons',
  'tim horton',
  'canadian tire',
  'shoppers drug mart',
  'square one',
  'salvation army',
  'john howard',
  'elizabeth fry',
  'william osler',
  'winston churchill',
  'owen sound',
  'richmond hill',
  'thunder bay',
  'north bay',
  'sault ste marie',
  'halton hills',
  'heart lake',
  'erin mills',
  'port credit',
  'mount pleasant',
  'lorne park',
  'victoria park',
  'jane finch',
  'mary brown',
  'mary browns',
  'st catharines',
  'king city',
  'new york',
  'los angeles',
  'san francisco',
  'hong kong',
  'sri lanka',
  'el salvador',
  'costa rica',
  'puerto rico',
  'saudi arabia',
  'south africa',
  'new brunswick',
  'nova scotia',
  'prince edward island',
  'british columbia',
  'prince albert',
  'prince george',
  'terry fox',
  'louis riel',
  'jean talon',
  'jean lesage',
  'rene levesque',
  'jacques cartier',
  'samuel de champlain',
  'wilfrid laurier',
  'john a',
  'lester b',
  'pierre elliott trudeau',
  'sir john',
  'mackenzie king',
  'jean coutu',
  'st michael',
  'st joseph',
  'st mary',
  'st john',
  'st paul',
  'st james',
  'st leonard',
  'holland bloorview',
  'sainte justine',
  'hotel dieu',
  'mary grace',
  'lake louise',
  'peter pan',
  'santa claus',
  'father christmas',
  'mother teresa',
  'al anon',
  'alcoholics anonymous',
  'narcotics anonymous',
  'kids help phone',
  'crime stoppers',
  'meals on wheels',
  'big brothers',
  'big sisters',
  'boys and girls',
  'ronald mcdonald',
  'mcdonald house',
  'good shepherd',
  'harvey s',
  'wendy s',
  'mcdonald s',
  'denny s',
  'kelsey s',
  'montana s',
  'arby s',
  'casey s',
  'dollarama',
  'giant tiger',
  'food basics',
  'no frills',
  'real canadian superstore',
  'best buy',
  'home depot',
];

/** Function words, sentence starters and discourse words in English and French. */
const FUNCTION_TEXT = `
the a an this that these those he she they it its his her hers their theirs them him we our you your
i me my mine in on at for from with without after before since during until till over under about
above below also and but or nor not no yes per via as if when whenever while because although though
both each every all some any many most several few more less much other another same such own only
just very too so then than there here where who whom whose which what why how again already still yet
even ever never always often sometimes usually now today tonight yesterday tomorrow recently currently
previously later soon once twice one two three four five six seven eight nine ten eleven twelve
thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty hundred
first second third fourth fifth last next new old recent prior former unknown unnamed none nobody
someone somebody anyone anybody everyone everybody nothing something anything everything do does did
done be is are was were been being have has had having will would shall should can could may might
must let please thanks thank dear hi hello note notes update updates concern concerns re fwd attn
urgent ongoing possible possibly suspected confirmed likely unlikely reportedly apparently allegedly
mr mrs ms miss mx dr
le la les l un une des du de d ce cet cette ces il elle ils elles on son sa ses leur leurs lui eux
nous vous je j me m te t se s y en au aux depuis selon apres avant pendant lors dans sur sous avec sans
pour par chez et ou mais donc car ni ne n pas plus moins tres trop aussi encore deja toujours jamais
souvent parfois aujourd'hui hier demain maintenant ici quand lorsque puisque comme si qui que qu quoi
dont ou chaque plusieurs aucun aucune tous toutes tout toute certains certaines autre autres meme
un deux trois quatre cinq sept huit neuf dix onze douze quinze vingt trente cent premier premiere
deuxieme dernier derniere prochain prochaine nouveau nouvelle ancien ancienne inconnu inconnue
est sont etait etaient a ont avait avaient sera seront fait font peut peuvent doit doivent va vont
selon voici voila note mise jour signalement inquietude urgent suspect suspecte confirme confirmee
`;

/** Weekdays, months, holidays and seasons, English and French (with common abbreviations). */
const TIME_TEXT = `
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
lundi mardi mercredi jeudi vendredi samedi dimanche
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre janv fevr avr juil
christmas xmas easter thanksgiving halloween ramadan eid diwali vaisakhi hanukkah passover lent
paques new year years boxing labour labor remembrance civic spring fall winter printemps automne
hiver ete weekend
`;

/** Places: Ontario and Quebec municipalities, regions and neighbourhoods, Canadian cities,
 * provinces, countries and major world cities, plus arterial roads often named without a type. */
const PLACES_TEXT = `
toronto mississauga brampton caledon oakville milton burlington hamilton vaughan markham richmond
oshawa whitby ajax pickering clarington newmarket aurora barrie orangeville guelph kitchener waterloo
cambridge london windsor sarnia chatham niagara catharines welland kingston belleville peterborough
cobourg ottawa gatineau sudbury timmins sault thunder kenora cornwall brockville pembroke hawkesbury
orillia collingwood bolton georgetown etobicoke scarborough york malton bramalea springdale meadowvale
streetsville cooksville clarkson snelgrove castlemore gore peel halton durham dufferin simcoe muskoka
wellington haldimand norfolk oxford perth huron grey lambton essex lanark renfrew stormont glengarry
grenville frontenac lennox addington northumberland haliburton kawartha nipissing algoma temiskaming
manitoulin ottawa-carleton
kanata orleans nepean gloucester barrhaven vanier rockland embrun casselman alexandria arnprior
montreal laval quebec longueuil sherbrooke saguenay levis trois-rivieres terrebonne repentigny brossard
drummondville granby rimouski rouyn-noranda val-d'or hull aylmer buckingham chelsea outaouais mauricie
estrie laurentides lanaudiere monteregie abitibi gaspesie verdun lachine anjou rosemont hochelaga
villeray ahuntsic plateau mirabel blainville boisbriand mascouche chateauguay vaudreuil shawinigan
victoriaville joliette thetford magog cowansville sorel chicoutimi jonquiere alma baie-comeau sept-iles
maniwaki papineauville wakefield cantley pontiac montreal-nord saint-laurent saint-leonard lasalle
vancouver calgary edmonton winnipeg regina saskatoon halifax moncton fredericton charlottetown
whitehorse yellowknife iqaluit victoria surrey burnaby kelowna nanaimo lethbridge dartmouth
sydney
canada ontario manitoba saskatchewan alberta columbia scotia brunswick newfoundland labrador nunavut
yukon pei nwt usa america mexico jamaica haiti india pakistan bangladesh lanka china vietnam philippines
korea japan iran iraq syria lebanon jordan egypt morocco algeria tunisia libya somalia ethiopia eritrea
sudan nigeria ghana kenya congo rwanda burundi senegal mali guinea cameroon ivory afghanistan ukraine
russia poland portugal italy spain france germany uk britain england scotland ireland wales greece
turkey israel palestine brazil colombia venezuela guyana trinidad tobago barbados cuba dominica
honduras guatemala salvador peru chile argentina ecuador bolivia nepal tibet myanmar burma cambodia
laos thailand malaysia indonesia australia zealand yemen qatar kuwait uae dubai emirates saudi arabia
grenada lucia vincent antigua bahamas bermuda belize nicaragua panama uganda tanzania zimbabwe zambia
angola mozambique madagascar mauritius togo benin niger chad gambia liberia sierra leone burkina faso
haiti inde chine liban syrie maroc algerie tunisie egypte mexique etats-unis allemagne espagne italie
angleterre irlande russie pologne grece turquie cameroun guinee colombie perou bresil belgique suisse
lagos accra mumbai delhi karachi lahore dhaka manila beijing shanghai tehran kabul baghdad beirut
damascus cairo mogadishu nairobi addis kyiv kiev moscow warsaw lisbon rome madrid berlin dublin
port-au-prince kinshasa dakar bamako abidjan amman gaza jerusalem istanbul athens caracas bogota lima
havana kingston montego
hurontario steeles bovaird dixie mavis torbram derry eglinton dundas bloor yonge finch mclaughlin
chinguacousy sandalwood mayfield goreway creditview britannia burnhamthorpe lakeshore queensway rideau
carling merivale bathurst keele islington kipling sheppard ellesmere danforth spadina bayview warden
brimley mccowan morningside papineau decarie maloney greber taschereau st-laurent st-denis st-hubert
cote-vertu pie-ix airport queen main
`;

/** Nationalities, ethnicities, languages and religions (capitalised in English, not names). */
const PEOPLES_TEXT = `
canadian canadians american americans jamaican haitian indian pakistani bangladeshi lankan tamil
sinhala sinhalese punjabi sikh hindu muslim muslims islamic christian christians catholic protestant
jewish orthodox buddhist anglican baptist pentecostal evangelical adventist mennonite somali ethiopian
eritrean sudanese nigerian ghanaian kenyan congolese rwandan syrian lebanese iraqi iranian afghan arab
arabic persian farsi dari pashto urdu hindi gujarati bengali bangla tagalog filipino filipina chinese
mandarin cantonese vietnamese korean japanese polish ukrainian russian portuguese spanish italian greek
german french english francophone francophones anglophone anglophones allophone indigenous aboriginal
metis inuit inuk ojibwe ojibway anishinaabe anishinaabek cree mohawk haudenosaunee oneida mississaugas
algonquin innu atikamekw mi'kmaq black white asian latino latina latinx hispanic caribbean african
european mexican colombian brazilian salvadoran venezuelan trinidadian guyanese barbadian cuban
turkish kurdish albanian serbian croatian bosnian romanian hungarian moldovan roma yazidi rohingya
tibetan nepali nepalese thai khmer lao burmese malay indonesian australian british scottish irish welsh
two-spirit lgbtq lgbtq2s lgbtq2s+ lgbt trans queer deaf
quebecois quebecoise haitien haitienne africain africaine algerien algerienne marocain marocaine
libanais libanaise syrien syrienne congolais congolaise francais francaise autochtone autochtones
`;

/** Roles, relatives and generic person nouns (English and French). */
const ROLES_TEXT = `
teacher teachers worker workers officer officers constable nurse nurses doctor doctors physician
counsellor counselor counsellors coordinator chair chairperson principal vice-principal landlord
landlady superintendent super mom mum mother mothers dad father fathers grandma grandmother grandpa
grandfather grandparent grandparents aunt aunty auntie uncle brother brothers sister sisters son sons
daughter daughters cousin cousins nephew niece parent parents guardian guardians caregiver caregivers
client clients patient patients youth youths senior seniors adult adults child children kid kids baby
babies infant toddler teen teens teenager teenagers boy boys girl girls man men woman women male
female males females person persons people family families household neighbour neighbours neighbor
neighbors tenant tenants resident residents student students staff caller callers victim victims
suspect suspects accused partner partners husband wife spouse boyfriend girlfriend friend friends
roommate employer employee pharmacist paramedic paramedics firefighter firefighters police coach
elder elders chief sergeant detective inspector manager supervisor director case caseworker
social therapist psychiatrist psychologist lawyer counsel crown judge justice probation parole
mere pere grand-mere grand-pere tante oncle frere soeur fils fille enfant enfants jeune jeunes
adolescent adolescente adolescents ado ados aine ainee aines dame homme femme personne personnes voisin
voisine voisins locataire proprietaire eleve eleves intervenant intervenante intervenants travailleur
travailleuse infirmiere infirmier medecin policier policiere agent agente enseignant enseignante
directrice directeur concierge client cliente conjoint conjointe ami amie famille parent bebe beau-pere
belle-mere demi-frere demi-soeur petit-fils petite-fille grands-parents usager usagere
`;

/** Agencies, institutions, services and other organisational words. */
const AGENCY_TEXT = `
police regional region services service society aid children's childrens hospital hospitals health
mental association centre center centres centers ministry works shelter shelters school schools board
district catholic public secondary elementary community communities housing city town township county
municipality municipal fire ems paramedic court courts probation parole crisis line team unit division
detachment victim salvation army food bank legal clinic clinics addiction addictions program programs
programme network partners system college university library transit department office agency
government provincial federal emergency room er icu ward floor table situation hub coalition
foundation institute corrections correctional jail detention justice crown tribunal support supports
disability supportive outreach drop-in mobile response coast cas cmha camh odsp ow opp rcmp prp cfs
lhin hcc cci dpj clsc cisss ciusss chsld ramq sq spvm spvg cssd csdc hopital ecole commission scolaire
regional regionale surete direction protection jeunesse maison logement refuge mission accueil cour
ministere gouvernement fondation institut urgence pavillon polyvalente cegep universite sante sociale
mentale ambulance pompiers ville office regie integre integres publique quartier secteur arrondissement
interval transition house home homes lodge manor residence residences apartments apartment building
buildings tower towers plaza mall centre shelter mission church mosque temple gurdwara synagogue
station terminal airport go presto tth tch tchc peel's bylaw enforcement animal humane paramedics
canada's ontario's amazon walmart costco loblaws sobeys metro dollarama winners facebook instagram
snapchat tiktok whatsapp telegram discord youtube google uber lyft telehealth 911 211 811 988
act law order bill policy form forms schedule section
dob ddn sin nas ohip hcn id ids po er icu ems psw rn rpn msw md np cyw ssw dsw ot pt slp ec rgi n4 n12 ltb
`;

/** Street types and place nouns that, right after a capitalised word, make it a place name. */
export const ORG_SUFFIX_TEXT = `
street st avenue ave av road rd boulevard blvd crescent cres drive dr court ct lane way place pl
terrace circle parkway pkwy highway hwy trail gate gardens square heights grove path row walk line
sideroad concession close mews common commons landing park parks creek river lake lakes pond bridge
station terminal airport plaza mall centre center square tower towers building apartments manor lodge
house hall hospital health clinic school schools secondary public elementary academy collegiate
college university institute foundation society association library arena community memorial church
cathedral chapel mosque temple gurdwara synagogue mission shelter campus residence residences villa
village estates court's valley hills mountain mountains island islands bay beach shore forest woods
county township region district ward division detachment day run award awards prize trust fund
program project centre's hospital's hortons tire mart drug pharmacy drugs burger burgers pizza cafe
restaurant bar pub grill hotel motel inn suites store stores market supermarket foods farms inc ltd
corp corporation company co group services service network partners legion cemetery theatre
theater cinema cinemas museum gallery stadium studio studios bank credit union insurance airlines
motors auto garage salon spa gym fitness club alert alerts
`;

/** Words that, right before a capitalised word, make it a place or institution name. */
export const ORG_PREFIX_TEXT = `
st saint ste sainte mount mt lake fort port cape point pointe lac ile isle
rue avenue av boulevard boul bd chemin ch place route rte rang montee cote allee impasse promenade
croissant carre terrasse ruelle quai autoroute pont parc marche ecole college cegep polyvalente
hopital pavillon centre maison station metro clsc chsld residence manoir fondation institut arena
bibliotheque eglise paroisse foyer refuge carrefour complexe galeries promenades
`;

/** Honorifics (folded). Followed by a capitalised word, that word is a name. */
export const HONORIFICS_TEXT = `
mr mrs ms miss mx dr mister mme mmes mlle mlles me monsieur madame mademoiselle dre pr docteur
docteure maitre sir dame
`;

/** Titles that, capitalised and followed by a capitalised non-stop word, introduce a surname. */
export const TITLES_TEXT = `
constable cst officer sergeant sgt sergent detective det inspector insp judge justice principal coach
father sister pastor reverend rev imam rabbi chief nurse professor prof agent agente lieutenant
capitaine sheriff superintendent supt staff-sergeant
`;

/** Lower-case words after which a lower-case given name is still a name ("client jennifer"). */
export const PERSON_NOUNS_TEXT = `
client youth son daughter mother father mom dad brother sister boyfriend girlfriend friend neighbour
neighbor tenant patient student resident man woman boy girl child baby uncle aunt cousin husband
wife partner ex grandson granddaughter grandmother grandfather nephew niece stepfather stepmother
fils fille frere soeur mere pere cliente jeune voisin voisine conjoint conjointe ami amie enfant
`;

/** Relatives and other person nouns after which a capitalised word is a name ("her son Tyrell"). */
export const APPOSITION_NOUNS_TEXT = `
mother father mom dad son daughter brother sister aunt uncle cousin nephew niece grandmother grandfather
grandma grandpa grandson granddaughter husband wife partner ex-partner boyfriend girlfriend ex-boyfriend
ex-girlfriend ex-husband ex-wife friend neighbour neighbor tenant client patient resident roommate
stepfather stepmother stepson stepdaughter stepdad stepmom baby toddler caller
mere pere fils fille frere soeur tante oncle cousin cousine voisin voisine locataire cliente conjoint
conjointe ami amie grand-mere grand-pere petit-fils petite-fille residente usager usagere beau-pere
belle-mere copain copine chum blonde
`;

/** Finite verbs and auxiliaries that typically follow a person subject (English and French). */
export const SUBJECT_VERBS_TEXT = `
is was has had says said told tells reports reported lives lived stays stayed left leaves went goes
refuses refused needs needed wants wanted does did doesn't didn't isn't wasn't hasn't hadn't won't
can't cannot can could will would should might must keeps kept continues continued appears appeared
seems seemed calls disclosed discloses admitted admits threatened threatens attends attended missed
misses stopped stops started starts began begins came comes got gets took takes made makes became
becomes asked asks agreed agrees denied denies explained explains mentioned mentions states stated
believes believed feels felt knows knew thinks thought uses used sleeps slept spends spent works
worked drinks drank lost ran runs hit hits hurt hurts punched pushed broke breaks sold sells stole
steals brought brings showed shows shared shares wrote writes texted texts posted posts arrived
arrives moved moves returned returns cries cried yelled yells screamed screams lives sent sends
talked talks spoke speaks called phoned ended ends tried tries owes owed remains remained
est etait a avait aura sera serait vit vivait habite habitait dit disait affirme affirmait rapporte
raconte refuse refusait reste restait demeure semble semblait doit devait peut pouvait veut voulait va
allait fait faisait consomme consommait dort dormait travaille mange boit crie criait menace menacait
frappe frappait n'a n'est s'est se ne souhaite craint confie confirme accepte explique arrive
`;

export const GIVEN_NAMES: ReadonlySet<string> = wordSet(GIVEN_NAMES_TEXT);
export const FAMILY_NAMES: ReadonlySet<string> = wordSet(FAMILY_NAMES_TEXT);
export const WEAK_GIVEN: ReadonlySet<string> = wordSet(WEAK_GIVEN_TEXT);
export const WEAK_FAMILY: ReadonlySet<string> = wordSet(WEAK_FAMILY_TEXT);
export const COMMON_WORD_NAMES: ReadonlySet<string> = wordSet(COMMON_WORD_NAMES_TEXT);
export const PLACES: ReadonlySet<string> = wordSet(PLACES_TEXT);
/** Capitalised words that are never part of a person's name. */
export const STOP_WORDS: ReadonlySet<string> = wordSet(FUNCTION_TEXT, TIME_TEXT, PEOPLES_TEXT, ROLES_TEXT, AGENCY_TEXT);
export const ORG_SUFFIXES: ReadonlySet<string> = wordSet(ORG_SUFFIX_TEXT);
export const ORG_PREFIXES: ReadonlySet<string> = wordSet(ORG_PREFIX_TEXT);
export const HONORIFICS: ReadonlySet<string> = wordSet(HONORIFICS_TEXT);
export const TITLES: ReadonlySet<string> = wordSet(TITLES_TEXT);
export const PERSON_NOUNS: ReadonlySet<string> = wordSet(PERSON_NOUNS_TEXT);
export const APPOSITION_NOUNS: ReadonlySet<string> = wordSet(APPOSITION_NOUNS_TEXT);
export const SUBJECT_VERBS: ReadonlySet<string> = wordSet(SUBJECT_VERBS_TEXT);
/** Lower-case particles allowed inside a multi-word name ("Ludwig van Beethoven"). */
export const NAME_PARTICLES: ReadonlySet<string> = wordSet('de du des la le van von der den da di del della dos das bin ben ibn al el abu st ste mac');
