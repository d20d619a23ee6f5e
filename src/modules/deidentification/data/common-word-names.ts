// Gazetteer names that are also ordinary lower-case English or French words (487 entries), e.g.
// "mark", "grant", "pierre", "rose". Derived once by intersecting the gazetteers with the Debian
// wcanadian and wfrench word lists. A capitalised word from this list at the start of a sentence,
// or in lower case, is not taken as a name on its own.
export const COMMON_WORD_NAMES_TEXT = `
alexandra alphonse amber amir aria auguste autumn bah bains baker baptiste barker bates beck begum
bell benjamin benoit bernard billy black blair blanche bobby bolduc bond bonnie booth boucher
boulanger bourassa bourdon bourgeois bowman brandi brandon brandy brassard breton brooks brown
brunet burns butler cabrera campos carbone carol carpenter carrier carter celestin chabot chambers
champagne charlotte charron chase chester chevalier chow claire claude clement clive cloutier
colin colleen collier colombe conte contreras cook cooper cote couture cox crane crete crystal
dahir daisy dale dallas dalton dawn day dean deja denis desir desire desiree destiny devin devon
diane donna doucet douglas drake drew duc dung dyer earl ebony eden egal elise ember emery eve
faith fall fang fanny farina farmer fatma faucher fields finch fisher flore florence flores
fontaine ford fortin foster fournier fox franco frank fraser freeman frost fuller gage gagne
gallant gallo garner genesis gentile germain germaine gill ginger glen gloria goulet grace gracie
grant gravel gray green grenier grey griffin grondin guillaume guillemette guy hai hale hall han
hardy harmony harper harry hart hazel heath heather hector henry hicks hilaire hill hogan holly
honore houle huard hui hull hung hunt hunter iman iris ivy jack jacqueline jacques jade jasmin
jasmine jasper jean jeanne jeannette jenny jeremie jesus jihad jimmy john joseph josh journee joy
judge jules julien kaiser khan king knight labelle lacasse lamb lance lane lange laura laurent lea
leach lebel lee leger lei leonard lester levy lily lin line lise little lois long lopes lori
lorraine louis louise lovely lynch maillet mallette mamie manning manuel marc marchand marcotte
marguerite maria marie mark marques marsh martel martin martini martins mason mathieu max maxime
maxwell maya meadows medina melodie melody mercier meunier micheline mike miles miller mills misty
moody morales moreau moss moussa munir musa myrtle narcisse neves neveu newton nia nick noel
normand nova octave olivier opal oscar page paiement paisley palmer pan paquet paquette paradis
pare parent park parsons pascal pat patrice patsy paulette pearl pelletier penny pepin perron
peter picard pierce pierre pierrette pike pillai pilon pinard ping pinto piper pires plante
poirier pope porter potter price prosper rami randy rani raven ravi ray real reed reeves regis
reis rene rice richard richards rima riva rivera roach roberts robin rocha roger rogers romane
romano rompre rondeau rosa rosaire rosalie rose rosemary rosie rouleau rousseau roussin ruby
safari sala sally sana sanders sauve sawyer serenity serge serra shah sheikh shepherd sherry shin
smit smith snow song sonny sow spencer stein stewart stokes stone sue summer summers sun sylvain
sylvestre tam tamer tang tanner tao tara taras tardif tate terra terri terry testa tian tien tolu
tom tomas tommy tong tony toussaint tran trinity troy tucker turner urbain valentin vallee
veronique victor victoria viola violet visser vitale vos voyer wade walker ward warren waters
watts weaver weber welch wells west wheeler white williams willow wing winter wolf wood wright
yang yasser yip young yuan
`;
