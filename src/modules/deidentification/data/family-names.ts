// Gazetteer of family names (1751 entries) for the de-identification check.
// Lower-case, accents removed, one space between entries. Generated once from general knowledge of
// names common in Canada (English, French, South Asian, East Asian, African, Caribbean, Middle Eastern,
// European); curated by hand. Ambiguous entries (common words, places) are demoted in pii-lexicon.ts.
export const FAMILY_NAMES_TEXT = `
abbasi abdi abdullah abramov achebe adamczyk adams adamski adan addo adebayo aden adeyemi afolabi
agarwal aguilar agyeman ahmadi ahmed ahn akinola alekseev ali allard allen almeida alvarez alves
amaral amato amoah andersen anderson andrada andreev ansah ansari antonov antunes appiah aquino
arora arsenault arslan arumugam asamoah asante ashworth aslan atkinson atwal aulakh awad awan
aydin aziz azizi babineau bah baig bailey bains bajwa baker balasubramaniam balogun bansal
baptiste baranov baranowski barbieri barker barnes barone barry bashir basile basra bates
battaglia bautista beauchamp beaudoin beaulieu beck becker bedard begum belair belanger belisle
belkacem bell bellemare bellini belov benedetti benjelloun bennett benoit bensaid bergeron
bernardi bernier bernstein bertrand berube bhatia bhatt bhatti bhullar bianchi bianco bilodeau
black blair blais blanchard blanchette boateng bogdanov boisvert bolduc bolton bond bondarenko
bonin booth borisov borkowski bos bouchard boucher boudreau boudreault bouffard boukhari boulanger
bourassa bourdon bourgeois bourque bouzid bowman boyd boyko boyle bradley brady brar brassard
brault braun brennan breton briggs brisebois brochu brock brooks brouwer brown brunet bruno bryant
brzezinski buchanan bui bukhari burke burns burton butler bykov byrd byrne cabral cabrera cadieux
cai caldwell camara cameron campbell campos cao capobianco caputo carbone cardoso carlson caron
carpenter carrier carroll carter caruso carvalho castillo castonguay castro cattaneo celestin
celik cetin chabot chagnon chahal chahine chamberland chambers champagne chan chapman charbonneau
charette charron chartrand chatha chaudhary chaudhry chavez cheema chen cheng chernov cheung
chevalier chisholm chiu chmielewski cho choi chopra chouinard chow chowdhury christie chukwu
cieslak clark clarke clayton clement cloutier cobb cochrane coelho cohen cole coleman coles
collier collins colombo comeau conte conti contreras conway cook cooper copeland coppola corbeil
cormier correia cortez costa costantini cote coulibaly courchesne cousineau couture cox craig
crane crawford crete crosby cruz cui cummings cunha curtis cyr czarnecki czerwinski d'amico
d'amours d'aoust dabrowski dagenais dahir daigle dallaire dalton damico dang daniels danilov danis
daoust darko darwish davidson davis davydov dawson day de-leon de-luca dean deguire dejong dekker
dela-cruz delaney delgado delisle delos-santos delvecchio demers demidov demir deng denisov deol
desai desautels desbiens deschamps descoteaux desilets desir desjardins deslauriers desmarais
desrosiers dessureault devries dhaliwal dhami dhillon di-maio di-stefano diallo diaz difranco
dijkstra dillon dimitriou dinardo dinh dion dionne diop diotte dixon dizon dmitriev dodd dogan
doherty dominguez donati dong donnelly dorsainvil dorval dostie doucet douglas doyle doyon drake
drouin dube dubois ducharme dudek duffy dufour duguay dumas dumont duncan dunlop dunn duong dupont
dupre dupuis duquette durand duval dyer eaton edwards egal egorov el-amrani el-idrissi el-khoury
elliott ellis elmi emerson ershov esposito estrada ethier evans exantus fabbri fafard fall farah
farina farmer farooqui farrell faucher fecteau fedorov fedoruk feng ferguson ferland fernandes
fernandez ferrara ferrari ferraro ferreira ferretti ferri fields figueroa filion filippov
fils-aime finch fiore fischer fisher fitzgerald fitzpatrick flanagan fleming fletcher fleury
flores flynn fomin fonseca fontaine fontana forbes ford fortier fortin foster fournier fowler fox
fradette francis franklin fraser frechette freeman friedman frimpong frolov frost fuchs fuller
fung furtado gadbois gagne gagnier gagnon galarneau gallagher gallant galli gallo gamache gao
garcha garcia gardner gariepy garner gatti gaudet gaudreault gauthier gauvin gavrilov gelinas
gendron gentile georgiou gerasimov gervais ghanem ghasemi gibson giguere gilbert gill gillis
gilmore gingras giordano girard girouard giroux giuliani glover glowacki godin goel goguen
goldberg golovin golubev gomes gomez goncalves goncharov gonzalez goodwin gordon gorski gosselin
gould goulet goyette grabowski grady graham grant grassi grasso gravel gray greco green greene
grenier grewal grey griffin griffiths grishin gromov grondin guay guerin guerra guerrero gueye
guilbault guillemette guimond guled guo gupta gusev gutierrez guzman gyamfi habib haddad haddadi
hale hall hamdan hamel hamelin hamilton hammond han hancock hansen harding hardy harper harrington
harris harrison hart hartmann harvey hashemi hashmi hassan hastings hawkins hayashi hayer hayes
hayward heath hebert heer heidari henderson hendriks henry hernandez herrera herrmann hersi hicks
higgins hill hnatiuk hoang hodges hodgson hoffman hoffmann hofmann hogan holland holmes holt hong
hopkins horton hossain hosseini houde houle houston howard howell hrytsenko huang huard huber
hudson hughes hull humphrey hundal hunt hunter hurst hussein hutchinson huynh hwang iacono ibrahim
ignatov ingram inoue ismail issa ivanenko ivanov iyer jaber jablonski jackson jacobs jacques
jafari jafri jakubowski jalbert jama james janelle jang jankowski jansen janssen jarvis jasinski
javed javier jaworski jean-baptiste jean-charles jean-louis jean-pierre jefferson jenkins jennings
jensen jeon jeyakumar jiang jibril jimenez jobin jodoin johal johansen johnson johnston jolicoeur
joly jones jordan joshi juarez judge jung kahlon kaiser kalinin kalinowski kamara kaminski
kanagaratnam kandiah kang kaplan kapoor karam karimi karlsen karpov kato katz kaur kavanagh kaya
kazakov kazemi keane kearney kehoe keita keller kelly kemp kennedy kerr khaira khalil khan khanna
khouri khoury kidd kilic kim kimura king kirby kirillov kirk kiselev klein klimov knapp knight
kobayashi koc koch kohler kolodziej komarov konate kong konig konstantinou korolev kotov kovalchuk
kovalenko kovalev kowalczyk kowalski kowalyk kozak kozlov kozlowski krajewski krasnov krause
kravchenko krawczyk kristiansen krol kruger kruglov krylov kubiak kucharski kuffour kular kulikov
kumar kuzmenko kuzmin kuznetsov kwan kwiatkowski kwok kwon labbe labelle laberge labonte lacasse
lachance lacombe lacroix lacson laflamme lafleur lafontaine lafrance lagace laguerre lahlou lajoie
lally lalonde lamarche lamb lambert lamontagne lamour lamoureux lanctot landreville landry lane
lang lange langevin langlois lapalme lapierre laplante lapointe laporte larin lariviere laroche
larocque larose larsen laskowski latour lau laurendeau laurin lauzon lavallee lavigne lavoie
lavrov lawrence lawson lazarev leach lebedev lebel leblanc leboeuf lebrun leclair leclerc lecompte
lecours leduc lee lefebvre lefrancois legare legault leger lehmann lemaire lemay lemelin lemieux
lemire lemoine leone leonov lepage lepine lessard letourneau leung levac levesque levin levy
lewandowski lewis liang lim lindqvist little litvinov liu lizotte lloyd lococo loiselle lombardi
lombardo long longo lopes lopez louis-jeune lowe lucas lukin luo lynch lysenko macaraeg macaulay
macdonald macdougall maciejewski macinnis macintyre macisaac mack mackay mackenzie maclean macleod
macmillan macneil macpherson maddox magbanua maier maillet mailloux mainville majewski mak makarov
makhoul makowski maksimov maldonado malhi malhotra malinowski mallette malone maloney manalo
mancini mann manning mansour mansouri marchand marchenko marchetti marciniak marcotte marcoux
mariani marini marino marion markov marques marsh marshall martel martin martineau martinelli
martinez martini martino martins maslov mason massicotte mastroianni mathews matos matsumoto
matthews matveev maxwell mayer mazur mazurek mazza mccarthy mcdermott mcdonald mcgee mcgregor
mcguire mcintosh mcintyre mckay mckenzie mclaughlin mclean mcleod mcmahon mcmillan mcnamara mcneil
mcphee meadows medeiros medina medvedev mehta meier meijer melanson melnikov melnyk menard mendes
mendez mendoza menon mensah mercado mercer mercier merritt messina methot meunier meyer miah
michalak michalski michaud mikhailov milani miles miller mills miron mironov mirza mishra mitchell
mittal miville mohamed mohammadi mohammed mohamud moller mompremier mongeau montanari monteiro
monti moody moore moradi morales moreau moreira morelli moreno moretti morgan morin morissette
morneau morozov morris morrison moss mousavi mueller mukhin mulder muller mullins mulroney munro
murphy murray musa myers nadeau naidu nair nakamura nantel naqvi nash nassar nasser naumov
navaratnam navarro nazari nazarov ndiaye negri nelson neri neumann neves neveu newman newton ngo
nguyen nichols nijjar nikitin nikolaev nikolaidis nilsen nolan nolet nolin norman normandin norris
norton nosov novikov nowak nowakowski nowicki nunes nunez nur nwosu o'brien o'connor o'donnell
o'hara o'keefe o'leary o'neill o'reilly o'sullivan ocampo ofori ogunbiyi ogunleye okafor okeke
okonkwo okoro oliveira oliver oliynyk olsen olson olszewski omar onyeka opoku orlando orlov ortega
ortiz osborne osei osipov osman ostrowski ouali ouellet ouellette ouimet owen owens owusu oyelaran
ozdemir ozkan ozturk pacheco pagano page paiement palmer palmieri palumbo pan pandey panin pannu
panov papadopoulos pappas paquet paquette paquin paradis pare parent parikh parisi park parker
parsons pascual patel patenaude patterson patton pavlov pawlak pawlowski payne pearce pearson
pedersen pellegrini pellegrino pellerin pelletier pena peng pepin pereira perez perkins perrault
perreault perron perry peterson petit-frere petrenko petrov pham phan phillips picard piche
pichette pierce pierre-louis pietrzak pike pillai pilon pinard pinto piotrowski piras pires
pizzuti plante plourde poirier poitras polishchuk pollard polyakov pomerleau ponnambalam poole
pope popov porter potapov potter potvin poulin powell pratt preston prevost price proulx
provencher przybylski purewal quaye quesnel quinn qureshi racicot rahimi rahman rajaratnam ramirez
ramos ramsey randall randhawa rao raposo ratnam ray raymond raza rebelo reddy reed reeves reid
reis renaud reyes reynolds rezaei rheaume rhodes ribeiro ricci rice richard richards richardson
richter riley rinaldi riopel rios rioux riva rivard rivera rivest rizk rizvi rizzi rizzo roach
robbins roberts robertson robichaud robinson robitaille rocha rochon rodrigues rodriguez rogers
rojas romaniuk romano romanov romero rompre rondeau rose rosen ross rossetti rossi rouleau
rousseau roussel roussin rowe rowland roy rudenko ruggiero ruiz russell russo rutkowski ryabov
ryan rybakov sabbagh sabourin sachdev sadeghi sadowski safari sahin sahota saidi saini saint-fleur
sakharov sala salazar saleh salem salisbury samatar samra sanchez sanders sanderson sandhu
sandoval sangha sanna santangelo santoro santos sarpong sarr sarrazin sartori sasaki sato saunders
sauvageau sauve savard savchenko savin savoie sawchuk sawicki sawyer saxena schmid schmidt schmitt
schneider schofield scholz schroeder schulz schulze schwartz scott seguin sekhon selvarajah
semenov senecal sergeev serov serra sethi shah shahbazi shaheen shanmugam shapiro sharma shaw
sheikh shen shepherd sherman shevchenko shevchuk shimizu shin shishkin siddiqui sidhu sidorov
sikora sikorski silva silvestri simard simmons simoes simoneau simpson simsek sinclair singh
sirois siu sivakumar sivalingam slater sloan smirnov smit smith smits snow soares sobczak sobolev
sohal sokolov sokolowski soloviev song soriano sorokin sorrentino soto sousa sow spencer sran
sriskandarajah st-fleur st-jean st-laurent st-onge st-pierre stanley ste-marie steele stein
stepanov stephens stephenson stepien stevens stewart stokes stone strickland sullivan summers sun
sutherland sutton suvorov suzuki swanson syed sylla sylvestre szeto szewczyk szymanski takahashi
talbot tam tanaka tang tanguay tannous tarasov tardif tate tavares taylor tazi teixeira terekhov
terry testa tetteh thakkar thambirajah theriault therrien thibault thibodeau thind thivierge
thomas thompson thornton thurairajah tian titov tiwari tkachenko tkachuk todd tokarev tolentino
tomas tomaszewski tong toor torres toure tousignant toussaint tran traore tremblay trepanier trinh
trivedi trottier trudel truong tsang tse tucker turcot turcotte turgeon turner uddin underwood
vachon vaillancourt valentini valiquette vallee vallieres vance vandenberg vanderberg vandermeer
vanier vargas vasiliev vasquez vaughan vazquez vega veilleux verma vezina vieira vigneault
villanueva villemaire villeneuve vilsaint vinogradov virk visser vitale vitali vlasov vogel volkov
voronin voronov vos voyer vyas vythilingam wade wagner walczak walia walker wallace walsh walters
walton wang ward warner warren warsame wasilewski watanabe waters watkins watson watts weaver webb
weber webster wei weiss welch wells werner west weston wheeler whelan white whitehead whitney
wieczorek wiggins wilkins wilkinson williams willis wilson winter wisniewski witkowski wojcik wolf
wolfe wong wood woodward wozniak wright wrobel wroblewski wyatt wysocki xiao xie yadav yamada
yamaguchi yamamoto yang yao yassin yates yeboah yildirim yildiz yilmaz yip yogarajah yoon yoshida
young yuan yuen yurchuk yusuf zaher zaidi zaitsev zajac zakharov zakrzewski zalewski zappia
zawadzki zeng zerrouki zhang zhao zheng zhong zhou zhu zhukov zhuravlev zielinski zimmermann zotov
zubov zuev
`;
