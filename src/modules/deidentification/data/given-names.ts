// Gazetteer of given names (1883 entries) for the de-identification check.
// Lower-case, accents removed, one space between entries. Generated once from general knowledge of
// names common in Canada (English, French, South Asian, East Asian, African, Caribbean, Middle Eastern,
// European); curated by hand. Ambiguous entries (common words, places) are demoted in pii-lexicon.ts.
export const GIVEN_NAMES_TEXT = `
aaliyah aanya aarav aaron aarti aarush abdi abdikarim abdirahman abdirizak abdoulaye abdul
abdullah abebe abena abhishek abigail abirami achille adaeze adalyn adalynn adam addison adelard
adeline aditya adnan adrien adwoa agnes agnieszka ahmad ahmed aidan aiden aisha aiyana ajay akash
akosua alain alaina alan alana albert alcide alejandra alejandro aleksander alessandro alexa
alexander alexandra alexis alfie alice alina aline alison aliyah allan allen allison allyson
alphonse alyssa amanda amandeep amar amara amaya amber ambroise amelia amelie amin amina aminata
amir amit amrit amrita amy anabelle analyn anand anas anastasia anatole andre andre-lee andrea
andreanne andres andrew andrzej angela angele angelo angie anh anil anish anita anjali ankit ann
anna annabelle anne anne-marie anne-sophie annick annie anthony antoine antoinette antonio anuj
anupama april arabella arash archana archie aria ariana ariane arianna ariel aristide arjun armand
arnaud arshdeep arthur arti arumugam arun arya aryan asha ashley ashok ashton athena aubree aubrey
audrey auguste aurele austin autumn ava avi avinash awa ayan ayesha ayla ayman ayodele ayse aziz
babatunde bahram bailey baljeet baljit balraj balwinder bao barbara bassam beatrice beatriz
beckett becky benjamin bennett benoit bentley bernadette bernard bernice bertrand betty beverly
bhupinder bilal billy binh binta blake blanche bobby bogdan bonnie boris braden bradley brady
brandi brandon brandy braxton brayden brenda brent brett brian brianna brielle brigitte britney
brittany brittney brody brooke brooklyn bruce bryan bryce brynlee bukola caitlin caleb callie
camden cameron camila camille candace carl carla carlos carly carmela carmen carol carole caroline
carolyn carter cassandra catherine cathy cecil cecile cecilia cedric celestin celine chaim chantal
charanjit charlene charles charles-antoine charles-edouard charles-olivier charlie charlotte chase
chelsea chen cheryl chester chidi chinedu chioma chloe christa christian christiane christina
christine christopher chukwuemeka chun ciara cindy claire clara clarence clarissa claude claudette
claudine clayton clement clifford clive clyde cody colby cole colette colin colleen collin colombe
colton concetta connie connor conor conrad cora coralie corey corinne cory courtney cristina
crystal curtis cynthia cyrille daisy dale dallas damian damien dana daniel daniela danielle dante
daphnee daquan darius dariush darla darlene darnell darren darryl darshan daryl david dawit dawn
dean deanna debbie deborah debra declan deepa deepak deepika deeqa deja delilah della delores
delroy denis denise dennis derek deshawn desire desiree desmond destiny devin devinder devon
devonte dhruv diana diane dianne diego dilip divya dmitri dmitry dmytro dolores domenico dominic
dominique donald donat donna donovan doreen dorothy douglas drew duc duncan dung dustin dwayne
dylan earl easton ebony eden edgar edith edmond edna edouard eduardo edward edwin eileen elaine
eleanor elena eli eliana eliane elif elijah elise eliza elizabeth ellen elliana elliot elliott
elodie eloi eloise elsie ember emeka emerson emersyn emery emile emilia emilie emilien emilio
emily emma emmanuel emmanuelle emmett emre enzo eric erica erik erin ernest ernie esteban estelle
esther ethan ethel etienne eugene eun-ji eunice eva evan evariste eve evelyn evelyne everett
everleigh everly everton ewa fabien fabrice fadi faisal faith fang fanny farah farhad farhiya
farid fartun farzana farzaneh fatima fatma fatoumata fawzia fay faye felicia felix femi feng
fernand fernande fernando filipe finley finn fiona firmin flore florence florent floyd folake
frances francine francis francisco franco francois francois-xavier francoise frank fraser fred
freddie frederic frederick frederique funmilayo gabriel gabriela gabriella gabrielle gaelle gaetan
gagan gagandeep gage gail ganesh gareth garfield garrett gary gaspard gaston gaurav gavin gedeon
geeta genesis genevieve george georges gerald geraldine gerard germain germaine gertrude gervais
ghada ghassan ghislain ghislaine ghyslain gianna gilbert gilberte gilles gina ginette ginger
giovanni girma gisele giulia giuseppe gladys glen glenn gloria goncalo gordon grace gracie graham
grant gratien grayson gregory greta greyson griffin grzegorz guillaume guillermo gurdeep gurinder
gurjeet gurjit gurkirat gurleen gurmeet gurpreet gurvinder gustave guy gwen hadi hadley hafsa hai
haile hailey haley halyna hamed hamid hamza hanan hannah hao haoran hardeep harinder harjit harjot
harleen harman harmony harold harper harpreet harriet harrison harry harsimran harvey harvinder
hassan hattie hawa hayden hazel heather hector heidi helen helena helene henri henriette henry
herbert herman hermas herve hiba hibaaq hieu hilaire hilda hippolyte hisham hoa hoang hodan holly
hong honore horace hortense hossein howard hubert huda hudson hugh hughie hugo huguette hui hung
hunter huong hussein huy hyun ian ibrahim ibrahima ida ifeoma ifrah ignacio igor iman imani imran
ina inderjit ines inez irene irina iris irving isaac isabel isabella isabelle ishaan isidore isla
ismail istahil ivan ivy jace jack jackie jackson jacob jacquelin jacqueline jacques jada jade
jaden jae-won jagdeep jagjit jake jalen jamal jamar james jamie jamil jana janelle janet janice
janine jared jarrod jasbir jashan jaskaran jasleen jasmeet jasmin jasmine jason jasper jaspreet
jasvir jaswinder jatinder javier jaxon jayden jaylen jean jean-baptiste jean-charles
jean-christophe jean-claude jean-denis jean-francois jean-guy jean-louis jean-luc jean-marc
jean-marie jean-michel jean-paul jean-philippe jean-pierre jean-rene jean-sebastien jean-yves
jeanette jeanne jeannette jeannine jeff jeffrey jenna jennifer jenny jennylyn jeremiah jeremie
jeremy jericho jermaine jerome jerry jesse jessica jesus jhun ji-ho ji-woo jia jiahui jie jihad
jill jillian jim jimmy jing joachim joan joana joanna joanne joao jocelin jocelyn jocelyne jodi
jody joe joel joey johanna johanne john johnny jon jonah jonas jonathan jordan jordyn jorge
josaphat jose josee joseph josephine josh joshua josiane josie journee joy joy-ann joyce juan
juana juanita judith judy jules julia julian juliana julie julie-anne julien juliette jun june
justin justine kaden kadiatou kai kaitlyn kajan kamal kamaljeet kamaljit kambiz kane kanwal kara
karan kareem karen karim karine karl karla katarzyna kate katelyn kateri katherine kathleen
kathryn kathy katia katie katrina katya kavita kavya kay kayla kaylee kaylin keegan keisha keith
kelli kellie kelly kemar kendra kennedy kenneth kenny kerry kevin keyshawn khadija khady khaled
khalid khanh khloe kiana kiara kieran kierra kim kimberly kinsley kiran kirk kirushanth kofi kojo
komal kourosh krishna krista kristen kristin kristina kristy krzysztof kuldeep kulwinder kumaran
kurt kwabena kwame kwesi kwok kyle kylie lacey laila lakhwinder lakshmi lamia lan lana lance
landon larry lata latoya laura lauren laurence laurent laurent-olivier laurette lauriane laurie
lawrence layla lea lea-rose leah leandre lee lei leila leilani leo leon leona leonard leonie
leopold leroy leslie lester levi lewis lexi leyla liam liban liliana lillian lilly lily lily-rose
lin lina lincoln linda line ling linh lionel lisa lise livia lloyd logan loic lois lola london
londyn long lorena loretta lori lorna lorne lorraine louis louis-philippe louise lovely lubna luc
luca lucas lucia lucie lucien lucienne lucille lucy ludmila ludovic luigi lukasz luke luther luz
lydia lyla lyle lynn lynne lysanne mabel mackenzie madeline madelyn madhu madison mae mael maelle
maeva magalie magdalena maha mahad mahesh mahmoud mahsa majid malcolm malik mamadou mamie mandeep
mandy manisha manjeet manjit manoj manon manpreet manuel manveer marc marc-andre marc-antoine
marc-olivier marcel marcelle marcia marco marcus marcy marek margaret margie marguerite maria
mariah mariam mariama marian mariana marianne maricel marie marie-andree marie-anne
marie-christine marie-claire marie-claude marie-eve marie-france marie-helene marie-josee
marie-laurence marie-lou marie-noelle marie-pier marie-pierre marie-soleil marilou marilyn mario
marisol marites marivic marjorie mark marla marlene marlon marsha marshall marta martha martin
martine marvin marwan mary mary-grace maryam mason massimo mathew mathieu mathilde mathis mathusha
matt matteo matthew maude maureen maurice max maxime maxine maxwell maya mazen mckenzie mederic
meena meera megan megane mehdi mehmet mei melanie melina melinda melissa melodie melody melvin
meredith meron mervyn mia micael micah michael michel micheline michelle mickael miguel mikayla
mike mila mildred miles milton min-jun ming minh minnie miranda mireille misty mitchell mitra
mohamed mohammad mohammed mohamud mohan molly mona monica monique morgan morris moshe mostafa
moussa muhammad mukesh munir murielle murray murugan mustafa mya mykola mylene myriam myrtle nabil
nadia nadine nam nancy naomi narcisse nasrin nasser natalia natalie natasha nathalie nathan
nathaniel navdeep navjot navneet navpreet nawal ned neelam neha neil nellie nelson nevaeh neville
ngoc ngozi nhung nia nicholas nick nico nicola nicolas nicole nigel nikhil nikolai nimco nina
nirmal nirmala niroshan nisha nizar nnamdi noah noel noella noelle noemi noemie nolan noor nora
norah noreen norma norman normand nour nova nuno nyla obinna oceane octave odette oksana oleksandr
oleksiy olena olga oliver olivia olivier ollie olumide oluwaseun omar omer onesime opal orson
oscar osman otis oumar ousmane ovide owen pablo paislee paisley pamela paolo paramjit parisa
parminder parveen pascal pat patrice patricia patrick patsy paul paula paulette pauline paulo
pavel pawan payam pearl pedro peggy penelope penny percy perry peter petro peyton phil philemon
philip philippe-olivier phillip phuong phyllis pier-luc pierre pierre-alexandre pierre-luc
pierre-olivier pierrette pietro ping piotr piper pooja prabhjot pradeep pradeepan prakash pranav
presley preston priscilla pritam priya priyanka prosper qiang quang quinn quynh rachael rachel
rachelle radha raed raelynn rafael rahul rajan rajesh rajinder rajiv rajkumar rajwinder rakesh
ralph ramesh rami ramon rana ranbir randall randy rani rania ranjit raphael raphaelle rasha rashad
rasheed rashid rashmi raul raven ravi ravinder raymond raymonde reagan real rebecca reece reem
reese reginald regis reid rejane rejean rejeanne rekha remi remy rena rene renu rex reza rhonda
rhys ricardo richard ricky riley rima rita ritu robbie robert roberta roberto robin rocco rodel
roderick rodney rodrigo rodrigue roger rohan rohit roland rolande romane rommel ronald ronan rory
rosa rosaire rosalie rosalinda rosario rose roseline rosemary rosie ross rowan rowena roxanne roy
roya ruby rui rupert rupinder russ russell ruth ryan ryder ryland rylee ryleigh sabrina sabrine
sachin sadie saeed safiya sahil sahra saida salim sally salma salvatore samantha sameer sami samir
samira samuel sana sandeep sandra sandrine sangeeta sanjay sanjeev santiago sapna sara sarabjit
sarah sarah-jeanne sarah-maude sasha satish satnam sawsan sawyer scott sean sebastien seema selam
selvam senait senthil seo-yeon serenity serge sergei sergey sergio seth seydou shalini shamar
shane shania shanice shaniqua shankar shannon shaquille sharmila sharon shaun shauna shawn shawna
sheila sheldon shelley sherman sherri sherry sheryl shira shirin shirley shreya sienna silas simon
simone simran simranjit sinthuja sivakumar skye skylar skyler sloane sofia soheil solange sonia
sonny sonya soo-jin sophia sophie soraya souleymane spencer stacey stacy stanislav stanley stefan
stefano stella stephane stephanie stephen steve steven stewart stuart sue suha sukhdeep sukhjinder
sukhpreet sukhwinder sumaya summer sunil sunita suresh surinder susan sushma susie suzanne
svetlana swati sydney sylvain sylvester sylvia sylvie sylvio tabitha tajinder tam tamara tamer
tamika tammy tania tanisha tanner tanvi tanya tao tara taras tarek tariq tarun taryn tasha tate
tatiana taylor teagan ted teddy tejinder telesphore terence teresa terra terrence terri terry
tesfaye tessa thanh thanuja thao tharani tharshan thelma theo theodore theophile theresa therese
thierry thivya thomas thomas-olivier thu thusyanthan thuy tia tiago tiana tien tiffany tigist
timothy tina tobias toby todd tolu tom tomasz tommy tony tonya tova tracey tracy trang travis
trent trevor treyvon trinh trinity trisha tristan tristen troy trung tuan tucker tunde tuyet tyler
tyreek tyrese tyrone ubah uchenna ulric urbain usha valentin valentina valeria valerie valmore
vandana vanessa varun vasco vasyl vaughn veena velma vera verna vernon veronica veronique vicky
victor victoria viet vijay vikram viktor vincent vincent-olivier vincenzo vinod viola violet
virgil virginia vishal vithya vito vivek vivian vladimir volodymyr wade wael wafa walid walker
wallace walter wanda warren warsame wayne wei wendall wendell wendy wesley weston whitney widad
wilfred wilfrid willa willard william willie willow wilson wing winston wojciech wyatt xavier xiao
xiaoming xiaoyan ximena xin yan yang yannick yara yaroslav yasaman yash yasmin yasmine yasser yemi
yifan ying yolanda yolande yonas yosef young-ho yousef youssef yulia yun yuri yusuf yuxuan yvan
yves yvette yvon yvonne zach zachariah zacharie zachary zahra zaid zainab zane zbigniew zeinab
zhen zhi zhiwei ziad zihan zion zoe zoey zuri
`;
