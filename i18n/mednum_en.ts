<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="fr">
<context>
    <name>mednum</name>
    <message>
        <location filename="../core/annuaire.py" line="152"/>
        <location filename="../processing/alg_annuaire.py" line="70"/>
        <source>Lieux publiés uniquement</source>
        <translation>Published places only</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="154"/>
        <source>Services : {services}</source>
        <translation>Services: {services}</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="156"/>
        <source>Labels et dispositifs : {labels}</source>
        <translation>Labels and programmes: {labels}</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="242"/>
        <location filename="../core/fiche.py" line="86"/>
        <source>Publics spécifiquement adressés</source>
        <translation>Specifically targeted audiences</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="243"/>
        <location filename="../core/fiche.py" line="87"/>
        <source>Prise en charge spécifique</source>
        <translation>Specific support</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="244"/>
        <location filename="../core/fiche.py" line="88"/>
        <source>Modalités d'accès</source>
        <translation>Access arrangements</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="245"/>
        <location filename="../core/fiche.py" line="89"/>
        <source>Modalités d'accompagnement</source>
        <translation>Types of assistance</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="246"/>
        <location filename="../core/fiche.py" line="90"/>
        <source>Frais à charge</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="267"/>
        <location filename="../core/fiche.py" line="65"/>
        <source>Téléphone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="269"/>
        <location filename="../core/fiche.py" line="67"/>
        <source>Courriel</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="271"/>
        <location filename="../core/fiche.py" line="69"/>
        <source>Site</source>
        <translation>Website</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="274"/>
        <location filename="../core/fiche.py" line="71"/>
        <source>Prise de rendez-vous</source>
        <translation>Appointment booking</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="285"/>
        <location filename="../core/annuaire.py" line="287"/>
        <location filename="../core/fiche.py" line="84"/>
        <location filename="../ui/find_dock.py" line="326"/>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="287"/>
        <location filename="../core/fiche.py" line="85"/>
        <source>Ce lieu n’accueille pas de public.</source>
        <translation>This place is not open to the public.</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="296"/>
        <location filename="../core/fiche.py" line="96"/>
        <source>Chèques APTIC acceptés</source>
        <translation>APTIC vouchers accepted</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="298"/>
        <location filename="../core/fiche.py" line="98"/>
        <source>Pass numérique</source>
        <translation>Digital pass</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="301"/>
        <location filename="../core/fiche.py" line="99"/>
        <location filename="../ui/find_dock.py" line="372"/>
        <source>Dispositifs et labels</source>
        <translation>Programmes and labels</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="302"/>
        <source>Lieu sans nom</source>
        <translation>Unnamed place</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="333"/>
        <source>Commune non précisée</source>
        <translation>Municipality not specified</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="356"/>
        <source>{n} lieu de médiation numérique</source>
        <translation>{n} digital inclusion place</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="356"/>
        <source>{n} lieux de médiation numérique</source>
        <translation>{n} digital inclusion places</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="357"/>
        <source>dans {n} commune</source>
        <translation>in {n} municipality</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="357"/>
        <source>dans {n} communes</source>
        <translation>in {n} municipalities</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="362"/>
        <source>{groupe} : {nombre}</source>
        <translation>{groupe}: {nombre}</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="362"/>
        <location filename="../core/annuaire.py" line="439"/>
        <location filename="../ui/find_dock.py" line="109"/>
        <source>{n} lieu</source>
        <translation>{n} place</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="362"/>
        <location filename="../core/annuaire.py" line="439"/>
        <location filename="../ui/find_dock.py" line="109"/>
        <source>{n} lieux</source>
        <translation>{n} places</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="416"/>
        <location filename="../core/annuaire.py" line="621"/>
        <location filename="../core/fiche.py" line="74"/>
        <source>Horaires</source>
        <translation>Opening hours</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="432"/>
        <location filename="../core/annuaire.py" line="822"/>
        <location filename="../plugin.py" line="75"/>
        <location filename="../plugin.py" line="205"/>
        <location filename="../plugin.py" line="221"/>
        <location filename="../plugin.py" line="228"/>
        <location filename="../plugin.py" line="241"/>
        <location filename="../processing/provider.py" line="31"/>
        <location filename="../ui/find_dock.py" line="678"/>
        <location filename="../ui/find_dock.py" line="699"/>
        <location filename="../ui/freshness_actions.py" line="141"/>
        <location filename="../ui/history_dialog.py" line="245"/>
        <location filename="../ui/lieu_watcher.py" line="46"/>
        <location filename="../ui/lieu_watcher.py" line="58"/>
        <location filename="../ui/lieu_watcher.py" line="64"/>
        <location filename="../ui/lieu_watcher.py" line="80"/>
        <location filename="../ui/lieu_watcher.py" line="94"/>
        <location filename="../ui/lieux_controller.py" line="63"/>
        <location filename="../ui/messages.py" line="13"/>
        <location filename="../ui/settings_page.py" line="379"/>
        <source>Médiation numérique</source>
        <translation>Digital Inclusion</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="434"/>
        <location filename="../core/annuaire.py" line="825"/>
        <source>Édition du {date}</source>
        <translation>Edition of {date}</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="438"/>
        <location filename="../core/annuaire.py" line="839"/>
        <location filename="../core/annuaire.py" line="844"/>
        <source>Sommaire</source>
        <translation>Contents</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="450"/>
        <source>Source : base des lieux de médiation numérique — édition du {date}.</source>
        <translation>Source: digital inclusion places database — edition of {date}.</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="524"/>
        <source>L'annuaire PDF a besoin d'une application graphique Qt (QGIS).</source>
        <translation>The PDF directory needs a Qt graphical application (QGIS).</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="526"/>
        <source>L'annuaire PDF se dessine dans le fil principal de QGIS uniquement.</source>
        <translation>The PDF directory can only be drawn in the main QGIS thread.</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="736"/>
        <source>Médiation numérique — Géo2France (QGIS)</source>
        <translation>Digital Inclusion — Géo2France (QGIS)</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="791"/>
        <source>Impossible d'écrire le fichier PDF {fichier}.</source>
        <translation>Cannot write the PDF file {fichier}.</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="797"/>
        <source>Page {n} / {total}</source>
        <translation>Page {n} / {total}</translation>
    </message>
    <message>
        <location filename="../core/annuaire.py" line="875"/>
        <source>{commune} (suite)</source>
        <translation>{commune} (continued)</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="93"/>
        <source>France Services</source>
        <translation>France Services</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="93"/>
        <source>Conseiller numérique</source>
        <translation>Digital adviser</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="93"/>
        <source>Autre lieu</source>
        <translation>Other place</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="118"/>
        <source>Niveau de territoire « {niveau} » inconnu (région, département, EPCI ou commune).</source>
        <translation>Unknown territory level “{niveau}” (région, département, EPCI or commune).</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="127"/>
        <source>Format « {format} {orientation} » inconnu (A4 ou A3, portrait ou paysage).</source>
        <translation>Unknown format “{format} {orientation}” (A4 or A3, portrait or paysage).</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="217"/>
        <source>Aucun département : impossible de construire le contour de la région.</source>
        <translation>No department: cannot build the outline of the region.</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="219"/>
        <location filename="../core/atlas.py" line="226"/>
        <location filename="../processing/alg_atlas.py" line="96"/>
        <source>Région</source>
        <translation>Region</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="264"/>
        <source>La couche des territoires n'a pas de champ « nom ».</source>
        <translation>The territories layer has no “nom” field.</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="315"/>
        <source>Atlas — territoires</source>
        <translation>Atlas — territories</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="349"/>
        <source>Impossible de créer la couche de couverture de l'atlas.</source>
        <translation>Cannot create the atlas coverage layer.</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="393"/>
        <location filename="../processing/alg_annuaire.py" line="98"/>
        <location filename="../processing/alg_routage.py" line="296"/>
        <source>Filtre des lieux illisible : {erreur}</source>
        <translation>Unreadable places filter: {erreur}</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="435"/>
        <location filename="../core/connection.py" line="140"/>
        <location filename="../core/editing.py" line="462"/>
        <location filename="../processing/alg_annuaire.py" line="59"/>
        <location filename="../processing/alg_atlas.py" line="94"/>
        <location filename="../processing/alg_fraicheur.py" line="113"/>
        <location filename="../processing/alg_routage.py" line="256"/>
        <location filename="../ui/find_dock.py" line="226"/>
        <location filename="../ui/locator.py" line="81"/>
        <location filename="../ui/settings_page.py" line="132"/>
        <source>Lieux de médiation numérique</source>
        <translation>Digital inclusion places</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="501"/>
        <location filename="../ui/find_dock.py" line="382"/>
        <source>Territoire</source>
        <translation>Territory</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="503"/>
        <source>Autres territoires</source>
        <translation>Other territories</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="529"/>
        <source>moins de {b} min</source>
        <translation>less than {b} min</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="529"/>
        <source>plus de {a} min</source>
        <translation>more than {a} min</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="530"/>
        <source>{a} à {b} min</source>
        <translation>{a} to {b} min</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="558"/>
        <source>Modèle de mise en page illisible : {fichier} ({erreur}).</source>
        <translation>Unreadable layout template: {fichier} ({erreur}).</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="561"/>
        <source>Le modèle {fichier} n'est pas un fichier .qpt valide.</source>
        <translation>The template {fichier} is not a valid .qpt file.</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="565"/>
        <source>Le modèle {fichier} n'a pas pu être chargé.</source>
        <translation>The template {fichier} could not be loaded.</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="573"/>
        <source>L'atlas se construit et s'exporte sur le fil principal de QGIS seulement.</source>
        <translation>The atlas can only be built and exported in the main QGIS thread.</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="610"/>
        <source>Le modèle n'a pas de carte d'identifiant « carte ».</source>
        <translation>The template has no map with the ID “carte”.</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="613"/>
        <source>Indiquez la couche des territoires.</source>
        <translation>Specify the territories layer.</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="618"/>
        <source>La couche des territoires est vide.</source>
        <translation>The territories layer is empty.</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="625"/>
        <source>{n} lieu(x) hors des territoires : absents de l'atlas.</source>
        <translation>{n} place(s) outside the territories: not in the atlas.</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="696"/>
        <source>Atlas territorial — {niveau}</source>
        <translation>Territorial atlas — {niveau}</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="709"/>
        <source>Sélection des territoires illisible : {erreur}</source>
        <translation>Unreadable territory selection: {erreur}</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="713"/>
        <source>Sélection des territoires : champ(s) inconnu(s) {champs} ; champs disponibles : {disponibles}.</source>
        <translation>Territory selection: unknown field(s) {champs}; available fields: {disponibles}.</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="717"/>
        <source>Aucun territoire ne correspond à la sélection « {selection} ».</source>
        <translation>No territory matches the selection “{selection}”.</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="722"/>
        <source>région</source>
        <translation>region</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="722"/>
        <source>département</source>
        <translation>department</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="722"/>
        <location filename="../core/connection.py" line="36"/>
        <location filename="../core/demo.py" line="15"/>
        <location filename="../processing/alg_atlas.py" line="96"/>
        <location filename="../ui/find_dock.py" line="400"/>
        <location filename="../ui/settings_page.py" line="132"/>
        <source>EPCI</source>
        <translation>EPCI (inter-municipal bodies)</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="722"/>
        <source>commune</source>
        <translation>municipality</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="758"/>
        <source>La mise en page n'a pas d'atlas actif.</source>
        <translation>The layout has no active atlas.</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="764"/>
        <location filename="../processing/alg_atlas.py" line="155"/>
        <source>Export de l'atlas annulé.</source>
        <translation>Atlas export cancelled.</translation>
    </message>
    <message>
        <location filename="../core/atlas.py" line="766"/>
        <source>Échec de l'export de l'atlas ({code}) : {erreur}</source>
        <translation>Atlas export failed ({code}): {erreur}</translation>
    </message>
    <message>
        <location filename="../core/connection.py" line="36"/>
        <location filename="../core/demo.py" line="14"/>
        <location filename="../ui/settings_page.py" line="132"/>
        <source>Communes</source>
        <translation>Municipalities</translation>
    </message>
    <message>
        <location filename="../core/connection.py" line="36"/>
        <location filename="../core/demo.py" line="15"/>
        <location filename="../ui/settings_page.py" line="133"/>
        <source>Départements</source>
        <translation>Departments</translation>
    </message>
    <message>
        <location filename="../core/connection.py" line="73"/>
        <source>Chargement des lieux de médiation numérique</source>
        <translation>Loading digital inclusion places</translation>
    </message>
    <message>
        <location filename="../core/connection.py" line="97"/>
        <location filename="../core/wfs.py" line="525"/>
        <source>Chargement annulé.</source>
        <translation>Loading cancelled.</translation>
    </message>
    <message>
        <location filename="../core/connection.py" line="105"/>
        <source>Enregistrement des lieux sur le serveur</source>
        <translation>Saving places to the server</translation>
    </message>
    <message>
        <location filename="../core/connection.py" line="154"/>
        <location filename="../processing/provider.py" line="34"/>
        <source>Médiation numérique — Géo2France</source>
        <translation>Digital Inclusion — Géo2France</translation>
    </message>
    <message>
        <location filename="../core/csw.py" line="211"/>
        <source>Le catalogue {hote} a refusé la recherche : {texte}</source>
        <translation>The catalogue {hote} refused the search: {texte}</translation>
    </message>
    <message>
        <location filename="../core/csw.py" line="216"/>
        <source>Réponse du catalogue {hote} illisible : {erreur}</source>
        <translation>Unreadable response from the catalogue {hote}: {erreur}</translation>
    </message>
    <message>
        <location filename="../core/csw.py" line="220"/>
        <source>La réponse du catalogue {hote} n'est pas un résultat de recherche CSW (GetRecordsResponse).</source>
        <translation>The response from the catalogue {hote} is not a CSW search result (GetRecordsResponse).</translation>
    </message>
    <message>
        <location filename="../core/csw.py" line="245"/>
        <location filename="../core/wfs.py" line="430"/>
        <source>authentification requise ou identifiants refusés</source>
        <translation>authentication required or credentials rejected</translation>
    </message>
    <message>
        <location filename="../core/csw.py" line="245"/>
        <location filename="../core/geocoder.py" line="308"/>
        <location filename="../core/wfs.py" line="426"/>
        <location filename="../core/wfs.py" line="430"/>
        <source>accès refusé</source>
        <translation>access denied</translation>
    </message>
    <message>
        <location filename="../core/csw.py" line="246"/>
        <location filename="../core/geocoder.py" line="304"/>
        <location filename="../core/routing/providers.py" line="291"/>
        <location filename="../core/wfs.py" line="431"/>
        <source>erreur du serveur</source>
        <translation>server error</translation>
    </message>
    <message>
        <location filename="../core/csw.py" line="246"/>
        <location filename="../core/wfs.py" line="431"/>
        <source>adresse introuvable</source>
        <translation>address not found</translation>
    </message>
    <message>
        <location filename="../core/csw.py" line="247"/>
        <source>Le catalogue {hote} a répondu par une erreur : {raison} (HTTP {statut}).</source>
        <translation>The catalogue {hote} responded with an error: {raison} (HTTP {statut}).</translation>
    </message>
    <message>
        <location filename="../core/csw.py" line="264"/>
        <source>Recherche impossible dans le catalogue {hote} : {erreur}</source>
        <translation>Cannot search the catalogue {hote}: {erreur}</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="344"/>
        <source>Validateur data·inclusion non installé (paquet Python « data-inclusion-schema ») : structures et services écrits sans vérification.</source>
        <translation>data·inclusion validator not installed (Python package “data-inclusion-schema”): structures and services written without checking.</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="360"/>
        <source>valeur obligatoire manquante.</source>
        <translation>required value missing.</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="362"/>
        <source>« {valeur} » : au moins {n} caractères attendus.</source>
        <translation>“{valeur}”: at least {n} characters expected.</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="364"/>
        <source>{longueur} caractères, au-delà du maximum de {n}.</source>
        <translation>{longueur} characters, over the maximum of {n}.</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="366"/>
        <source>« {valeur} » ne respecte pas le format attendu ({motif}).</source>
        <translation>“{valeur}” does not match the expected format ({motif}).</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="368"/>
        <source>« {valeur} » n'est pas une adresse web valide.</source>
        <translation>“{valeur}” is not a valid web address.</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="370"/>
        <source>« {valeur} » n'est pas une valeur autorisée par data·inclusion.</source>
        <translation>“{valeur}” is not a value allowed by data·inclusion.</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="372"/>
        <source>« {valeur} » n'est pas une date AAAA-MM-JJ.</source>
        <translation>“{valeur}” is not a YYYY-MM-DD date.</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="374"/>
        <source>« {valeur} » n'est pas un nombre.</source>
        <translation>“{valeur}” is not a number.</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="376"/>
        <source>liste vide : au moins une valeur attendue.</source>
        <translation>empty list: at least one value expected.</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="378"/>
        <source>« {valeur} » n'est pas une adresse de courriel valide.</source>
        <translation>“{valeur}” is not a valid email address.</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="402"/>
        <source>Structure « {lieu} » ({id})</source>
        <translation>Structure “{lieu}” ({id})</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="404"/>
        <source>Service du lieu « {lieu} » ({id})</source>
        <translation>Service of the place “{lieu}” ({id})</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="406"/>
        <source>{ou} : identifiant en double.</source>
        <translation>{ou}: duplicate identifier.</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="409"/>
        <source>{ou} : la structure « {structure} » n'existe pas.</source>
        <translation>{ou}: the structure “{structure}” does not exist.</translation>
    </message>
    <message>
        <location filename="../core/data_inclusion.py" line="415"/>
        <source>{ou}, champ « {champ} » : {message}</source>
        <translation>{ou}, field “{champ}”: {message}</translation>
    </message>
    <message>
        <location filename="../core/dedupe.py" line="87"/>
        <source>Ressemble à « {nom} » ({score} %) : {raisons}.</source>
        <translation>Looks like “{nom}” ({score}%): {raisons}.</translation>
    </message>
    <message>
        <location filename="../core/dedupe.py" line="110"/>
        <location filename="../core/imports.py" line="1268"/>
        <source>même commune ({code})</source>
        <translation>same municipality ({code})</translation>
    </message>
    <message>
        <location filename="../core/dedupe.py" line="112"/>
        <source>à {m} m</source>
        <translation>{m} m away</translation>
    </message>
    <message>
        <location filename="../core/dedupe.py" line="114"/>
        <source>nom proche ({score} %)</source>
        <translation>similar name ({score}%)</translation>
    </message>
    <message>
        <location filename="../core/dedupe.py" line="116"/>
        <source>adresse proche ({score} %)</source>
        <translation>similar address ({score}%)</translation>
    </message>
    <message>
        <location filename="../core/demo.py" line="14"/>
        <source>Lieux de médiation numérique (démo)</source>
        <translation>Digital inclusion places (demo)</translation>
    </message>
    <message>
        <location filename="../core/demo.py" line="23"/>
        <source>Couche « {couche} » introuvable dans {fichier}.</source>
        <translation>Layer “{couche}” not found in {fichier}.</translation>
    </message>
    <message>
        <location filename="../core/demo.py" line="31"/>
        <source>Médiation numérique (démo)</source>
        <translation>Digital inclusion (demo)</translation>
    </message>
    <message>
        <location filename="../core/editing.py" line="109"/>
        <source>Impossible de créer la couche des lieux en mémoire.</source>
        <translation>Cannot create the in-memory places layer.</translation>
    </message>
    <message>
        <location filename="../core/editing.py" line="126"/>
        <source>Complétude (%)</source>
        <translation>Completeness (%)</translation>
    </message>
    <message>
        <location filename="../core/editing.py" line="306"/>
        <source>remise dans la couche, non enregistrée</source>
        <translation>put back in the layer, not saved</translation>
    </message>
    <message>
        <location filename="../core/exports.py" line="217"/>
        <source>Écriture du classeur {fichier} impossible : {erreur}</source>
        <translation>Cannot write the spreadsheet {fichier}: {erreur}</translation>
    </message>
    <message>
        <location filename="../core/exports.py" line="219"/>
        <source>Le classeur {fichier} n'a pas été écrit.</source>
        <translation>The spreadsheet {fichier} was not written.</translation>
    </message>
    <message>
        <location filename="../core/exports.py" line="232"/>
        <source>Le pilote ODS de GDAL n'est pas disponible : impossible d'écrire le classeur.</source>
        <translation>The GDAL ODS driver is not available: cannot write the spreadsheet.</translation>
    </message>
    <message>
        <location filename="../core/exports.py" line="235"/>
        <source>Impossible de créer le classeur {fichier}.</source>
        <translation>Cannot create the spreadsheet {fichier}.</translation>
    </message>
    <message>
        <location filename="../core/exports.py" line="241"/>
        <source>Impossible de créer la feuille « {feuille} ».</source>
        <translation>Cannot create the sheet “{feuille}”.</translation>
    </message>
    <message>
        <location filename="../core/exports.py" line="252"/>
        <source>Écriture impossible dans la feuille « {feuille} ».</source>
        <translation>Cannot write to the sheet “{feuille}”.</translation>
    </message>
    <message>
        <location filename="../core/fiche.py" line="59"/>
        <source>Cette fiche est remplie à {n} %</source>
        <translation>This sheet is {n}% complete</translation>
    </message>
    <message>
        <location filename="../core/fiche.py" line="62"/>
        <source>Adresse</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../core/fiche.py" line="72"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../core/fiche.py" line="101"/>
        <source>Présentation</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../core/fiche.py" line="102"/>
        <source>Source : {source} — mise à jour le {date}</source>
        <translation>Source: {source} — updated on {date}</translation>
    </message>
    <message>
        <location filename="../core/fiche.py" line="102"/>
        <source>non précisée</source>
        <translation>not specified</translation>
    </message>
    <message>
        <location filename="../core/fiche.py" line="103"/>
        <source>date inconnue</source>
        <translation>unknown date</translation>
    </message>
    <message>
        <location filename="../core/fiche.py" line="105"/>
        <source>Lieu de médiation numérique</source>
        <translation>Digital inclusion place</translation>
    </message>
    <message>
        <location filename="../core/filters.py" line="372"/>
        <location filename="../ui/find_dock.py" line="413"/>
        <source>Les critères d'ouverture ne sont pas disponibles (module des horaires absent).</source>
        <translation>The opening criteria are not available (opening hours module missing).</translation>
    </message>
    <message>
        <location filename="../core/filters.py" line="678"/>
        <source>Résultat de la recherche</source>
        <translation>Search result</translation>
    </message>
    <message>
        <location filename="../core/forms.py" line="59"/>
        <source>(non renseigné)</source>
        <translation>(not filled in)</translation>
    </message>
    <message>
        <location filename="../core/forms.py" line="124"/>
        <source>valeur attendue par le standard national</source>
        <translation>value expected by the national standard</translation>
    </message>
    <message>
        <location filename="../core/forms.py" line="125"/>
        <source>Format : {indication}</source>
        <translation>Format: {indication}</translation>
    </message>
    <message>
        <location filename="../core/forms.py" line="143"/>
        <source>Sans service, la cartographie nationale affichera « Ce lieu n'accueille pas de public ».</source>
        <translation>Without any service, the national map will show “This place is not open to the public”.</translation>
    </message>
    <message>
        <location filename="../core/forms.py" line="147"/>
        <source>Horaires conseillés : ils permettent « Ouvert maintenant » sur la carte.</source>
        <translation>Opening hours recommended: they enable “Open now” on the map.</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="50"/>
        <location filename="../ui/freshness_actions.py" line="175"/>
        <source>À jour</source>
        <translation>Up to date</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="50"/>
        <source>À vérifier</source>
        <translation>To check</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="50"/>
        <location filename="../ui/freshness_actions.py" line="172"/>
        <source>Sans date</source>
        <translation>No date</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="55"/>
        <location filename="../core/style.py" line="21"/>
        <source>Brouillon</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="55"/>
        <location filename="../core/style.py" line="21"/>
        <source>À valider</source>
        <translation>To be validated</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="55"/>
        <location filename="../core/style.py" line="21"/>
        <source>Publié</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="55"/>
        <location filename="../core/style.py" line="21"/>
        <source>Fermé</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="175"/>
        <source>Regroupement « {niveau} » inconnu (departement, epci ou ensemble).</source>
        <translation>Unknown grouping « {niveau} » (departement, epci or ensemble).</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="177"/>
        <source>Le regroupement par EPCI demande la correspondance commune → EPCI (couche des communes).</source>
        <translation>Grouping by EPCI needs the municipality → EPCI mapping (municipalities layer).</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="183"/>
        <location filename="../processing/alg_routage.py" line="371"/>
        <source>ensemble</source>
        <translation>overall</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="188"/>
        <source>EPCI inconnu</source>
        <translation>Unknown EPCI</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="210"/>
        <source>(sans nom)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="213"/>
        <source>Statut « {statut} » inconnu : brouillon, a_valider, publie ou ferme.</source>
        <translation>Unknown status « {statut} »: brouillon, a_valider, publie or ferme.</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="216"/>
        <source>« {nom} » a un statut inconnu (« {statut} ») : corrigez-le d'abord dans sa fiche.</source>
        <translation>« {nom} » has an unknown status (« {statut} »): correct it in its record first.</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="219"/>
        <source> ou </source>
        <translation> or </translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="220"/>
        <source>« {nom} » ne peut pas passer de « {de} » à « {vers} » : depuis « {de} », seulement vers {possibles}.</source>
        <translation>« {nom} » cannot go from « {de} » to « {vers} »: from « {de} », only to {possibles}.</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="273"/>
        <source>La couche « {couche} » ne peut pas être modifiée (lecture seule ou droits insuffisants).</source>
        <translation>The layer « {couche} » cannot be edited (read-only or insufficient rights).</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="291"/>
        <source>lieu n° {fid}</source>
        <translation>place no. {fid}</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="309"/>
        <source>La couche « {couche} » n'a pas de champ « date_maj ».</source>
        <translation>The layer « {couche} » has no « date_maj » field.</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="315"/>
        <source>Confirmer sans changement</source>
        <translation>Confirm unchanged</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="323"/>
        <source>Lieu n° {fid} introuvable ou non modifiable.</source>
        <translation>Place no. {fid} not found or not editable.</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="346"/>
        <source>La couche « {couche} » n'a pas de champ « hdf_statut ».</source>
        <translation>The layer « {couche} » has no « hdf_statut » field.</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="352"/>
        <source>Lieu n° {fid} introuvable.</source>
        <translation>Place no. {fid} not found.</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="369"/>
        <source>Changer le statut</source>
        <translation>Change the status</translation>
    </message>
    <message>
        <location filename="../core/freshness.py" line="377"/>
        <source>Lieu n° {fid} non modifiable.</source>
        <translation>Place no. {fid} not editable.</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="140"/>
        <source>Système de coordonnées inconnu : {crs}.</source>
        <translation>Unknown coordinate reference system: {crs}.</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="151"/>
        <source>Coordonnées impossibles à convertir ({x}, {y}) : {erreur}</source>
        <translation>Cannot convert the coordinates ({x}, {y}): {erreur}</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="225"/>
        <source>La réponse du service d'adresses {hote} n'est pas une collection GeoJSON d'adresses.</source>
        <translation>The response from the address service {hote} is not a GeoJSON collection of addresses.</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="264"/>
        <source>paramètres de recherche refusés</source>
        <translation>search parameters rejected</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="265"/>
        <source>erreur inattendue du serveur</source>
        <translation>unexpected server error</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="276"/>
        <source>Le service d'adresses {hote} n'a pas répondu dans le délai de {secondes} s ; réessayez, ou augmentez le délai d'attente réseau dans les options de QGIS.</source>
        <translation>The address service {hote} did not respond within {secondes} s; try again, or increase the network timeout in the QGIS options.</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="279"/>
        <source>Recherche d'adresse annulée ({hote}).</source>
        <translation>Address search cancelled ({hote}).</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="281"/>
        <source>Le service d'adresses {hote} est injoignable : {erreur}</source>
        <translation>The address service {hote} cannot be reached: {erreur}</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="295"/>
        <source>Le service d'adresses {hote} reçoit trop de requêtes (limite : {limite} par seconde) ; nouvel essai possible dans {secondes} s.</source>
        <translation>The address service {hote} is receiving too many requests (limit: {limite} per second); you can try again in {secondes} s.</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="305"/>
        <source>Le service d'adresses {hote} est en erreur : {raison} (HTTP {statut}). Réessayez plus tard.</source>
        <translation>The address service {hote} reports an error: {raison} (HTTP {statut}). Try again later.</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="308"/>
        <source>authentification requise</source>
        <translation>authentication required</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="309"/>
        <source>adresse du service introuvable, vérifiez l'URL du géocodeur</source>
        <translation>service address not found, check the geocoder URL</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="310"/>
        <location filename="../core/routing/providers.py" line="291"/>
        <source>requête refusée</source>
        <translation>request refused</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="311"/>
        <source>Le service d'adresses {hote} a refusé la requête : {raison} (HTTP {statut}).</source>
        <translation>The address service {hote} refused the request: {raison} (HTTP {statut}).</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="338"/>
        <source>Réponse illisible du service d'adresses {hote} : {erreur}</source>
        <translation>Unreadable response from the address service {hote}: {erreur}</translation>
    </message>
    <message>
        <location filename="../core/geocoder.py" line="375"/>
        <source>Point hors des limites du globe : longitude {lon}, latitude {lat}.</source>
        <translation>Point outside the bounds of the globe: longitude {lon}, latitude {lat}.</translation>
    </message>
    <message>
        <location filename="../core/history.py" line="188"/>
        <source>Ce lieu n'existe plus et son historique ne garde pas sa suppression.</source>
        <translation>This place no longer exists and its history does not record its deletion.</translation>
    </message>
    <message>
        <location filename="../core/history.py" line="194"/>
        <source>La version {version} est postérieure à la version actuelle ({actuelle}).</source>
        <translation>Version {version} is later than the current version ({actuelle}).</translation>
    </message>
    <message>
        <location filename="../core/history.py" line="198"/>
        <source>La version {version} est antérieure à la création du lieu.</source>
        <translation>Version {version} is earlier than the creation of the place.</translation>
    </message>
    <message>
        <location filename="../core/history.py" line="223"/>
        <source>Ce lieu n'est pas (ou plus) dans la couche : rechargez les lieux.</source>
        <translation>This place is not (or no longer) in the layer: reload the places.</translation>
    </message>
    <message>
        <location filename="../core/history.py" line="238"/>
        <source>La version {version} a les mêmes valeurs que la version actuelle : rien à restaurer.</source>
        <translation>Version {version} has the same values as the current version: nothing to restore.</translation>
    </message>
    <message>
        <location filename="../core/history.py" line="247"/>
        <location filename="../core/history.py" line="249"/>
        <location filename="../ui/opening_hours_widget.py" line="367"/>
        <source>(vide)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../core/history.py" line="248"/>
        <source>{champ} : « {ancienne} » → « {nouvelle} »</source>
        <translation>{champ}: “{ancienne}” → “{nouvelle}”</translation>
    </message>
    <message>
        <location filename="../core/history.py" line="251"/>
        <source>position : {ancienne} → {nouvelle}</source>
        <translation>position: {ancienne} → {nouvelle}</translation>
    </message>
    <message>
        <location filename="../core/history.py" line="251"/>
        <source>(aucune)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../core/history.py" line="285"/>
        <source>le serveur ne publie pas la couche « {couche} »</source>
        <translation>the server does not publish the layer “{couche}”</translation>
    </message>
    <message>
        <location filename="../core/history.py" line="287"/>
        <source>la couche « {couche} » n'accepte pas d'ajout (WFS-T Insert)</source>
        <translation>the layer “{couche}” does not accept additions (WFS-T Insert)</translation>
    </message>
    <message>
        <location filename="../core/history.py" line="317"/>
        <location filename="../core/sync.py" line="313"/>
        <source>{motif} (HTTP {statut})</source>
        <translation>{motif} (HTTP {statut})</translation>
    </message>
    <message>
        <location filename="../core/history.py" line="319"/>
        <source>le serveur n'a pas ajouté toutes les lignes</source>
        <translation>the server did not add all the rows</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="285"/>
        <source>{fichier} : {format}, {enregistrements} enregistrement(s), {lus} lieu(x) lu(s), {rejetes} rejeté(s).</source>
        <translation>{fichier}: {format}, {enregistrements} record(s), {lus} place(s) read, {rejetes} rejected.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="291"/>
        <source>standard national v1.0 (CSV)</source>
        <translation>national standard v1.0 (CSV)</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="291"/>
        <source>ancien standard v0.1 (CSV)</source>
        <translation>legacy standard v0.1 (CSV)</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="292"/>
        <source>export SIILAB / DREETS (CSV « ; »)</source>
        <translation>SIILAB / DREETS export (CSV “;”)</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="292"/>
        <source>data·inclusion v1 (JSON)</source>
        <translation>data·inclusion v1 (JSON)</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="293"/>
        <location filename="../processing/alg_exporter.py" line="72"/>
        <source>GeoJSON</source>
        <translation>GeoJSON</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="307"/>
        <source>Fichier illisible : {erreur}.</source>
        <translation>Unreadable file: {erreur}.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="310"/>
        <location filename="../core/imports.py" line="409"/>
        <source>Le fichier est vide : aucun lieu à importer.</source>
        <translation>The file is empty: no place to import.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="313"/>
        <source>Ce fichier est un classeur (Excel, LibreOffice) ou une archive ZIP, pas un fichier de lieux : enregistrez la feuille au format CSV UTF-8 puis importez ce CSV.</source>
        <translation>This file is a spreadsheet (Excel, LibreOffice) or a ZIP archive, not a places file: save the sheet as UTF-8 CSV, then import that CSV.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="318"/>
        <source>Ce fichier est binaire (ni CSV, ni JSON) : ce n'est pas un fichier de lieux.</source>
        <translation>This file is binary (neither CSV nor JSON): it is not a places file.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="394"/>
        <source>Encodages mélangés : {n} ligne(s) en Latin-1 (Windows-1252) dans un fichier UTF-8, la première ligne {ligne} ; chacune est lue dans son encodage. Vérifiez les accents.</source>
        <translation>Mixed encodings: {n} line(s) in Latin-1 (Windows-1252) in a UTF-8 file, the first one being line {ligne}; each is read in its own encoding. Check the accented characters.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="399"/>
        <location filename="../core/io_standard.py" line="130"/>
        <source>Le fichier n'est pas en UTF-8 : lu comme Windows-1252 (Latin-1). Vérifiez les accents.</source>
        <translation>The file is not UTF-8: read as Windows-1252 (Latin-1). Check the accented characters.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="412"/>
        <location filename="../core/io_standard.py" line="141"/>
        <source>En-tête illisible : {erreur}.</source>
        <translation>Unreadable header: {erreur}.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="418"/>
        <source>Ce fichier n'est pas un fichier de lieux de médiation numérique : il faut au moins les colonnes « nom » et « adresse » ou « commune » (colonnes trouvées : {colonnes}). Rien n'a été importé.</source>
        <translation>This file is not a digital inclusion places file: it needs at least the columns “nom” and “adresse” or “commune” (columns found: {colonnes}). Nothing was imported.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="420"/>
        <source>aucune</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="434"/>
        <source>Colonnes du standard absentes : {colonnes} ; ces champs ne seront pas modifiés dans la base.</source>
        <translation>Standard columns missing: {colonnes}; these fields will not be changed in the base.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="440"/>
        <source>Colonne « {colonne} » inconnue du standard : ses valeurs ne sont pas importées.</source>
        <translation>Column “{colonne}” is not in the standard: its values are not imported.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="443"/>
        <source>Colonne(s) sans nom dans l'en-tête : leurs valeurs ne sont pas importées.</source>
        <translation>Unnamed column(s) in the header: their values are not imported.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="464"/>
        <location filename="../core/io_standard.py" line="159"/>
        <source>Ligne {ligne} : enregistrement illisible ({erreur}) ; ligne non importée.</source>
        <translation>Line {ligne}: unreadable record ({erreur}); line not imported.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="474"/>
        <location filename="../core/io_standard.py" line="167"/>
        <source>Ligne {ligne} : ligne vide ; rien à importer.</source>
        <translation>Line {ligne}: empty line; nothing to import.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="480"/>
        <location filename="../core/io_standard.py" line="172"/>
        <source>Ligne {ligne} : {n} valeurs pour {attendu} colonnes ; ligne non importée (vérifiez les guillemets et le séparateur).</source>
        <translation>Line {ligne}: {n} values for {attendu} columns; line not imported (check the quotes and the delimiter).</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="488"/>
        <location filename="../core/io_standard.py" line="180"/>
        <source>Ligne {ligne} : {note}</source>
        <translation>Line {ligne}: {note}</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="497"/>
        <source>Ligne {ligne} : {probleme}</source>
        <translation>Line {ligne}: {probleme}</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="502"/>
        <source>Le fichier semble tronqué : sa dernière ligne ({ligne}) est incomplète. Demandez au partenaire un fichier complet ; les lignes précédentes sont lues.</source>
        <translation>The file seems truncated: its last line ({ligne}) is incomplete. Ask the partner for a complete file; the previous lines are read.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="509"/>
        <source>le fichier s'arrête au milieu d'une valeur entre guillemets</source>
        <translation>the file ends in the middle of a quoted value</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="511"/>
        <source>caractère inattendu après un guillemet fermant</source>
        <translation>unexpected character after a closing quotation mark</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="513"/>
        <source>valeur de plus de {n} caractères</source>
        <translation>value longer than {n} characters</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="529"/>
        <source>Fichier trop grand : plus de {max} lieux. Découpez-le (par département, par exemple) ; rien n'a été importé.</source>
        <translation>File too large: more than {max} places. Split it (by department, for example); nothing was imported.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="548"/>
        <source>horaires du {jour} illisibles (« {valeur} ») : non repris.</source>
        <translation>unreadable opening hours for {jour} (“{valeur}”): not imported.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="564"/>
        <source>« QPV », « FRR » et « ZRR » (calculés par la cartographie nationale, ce ne sont pas des labels) retirés des autres formations et labels de {n} lieu(x).</source>
        <translation>“QPV”, “FRR” and “ZRR” (computed by the national map, they are not labels) removed from the other training courses and labels of {n} place(s).</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="567"/>
        <source>Encodages mélangés : des accents ressemblent à de l'UTF-8 lu en Latin-1 (« Ã© » pour « é »). Demandez au partenaire un fichier entièrement en UTF-8.</source>
        <translation>Mixed encodings: some accented characters look like UTF-8 read as Latin-1 (“Ã©” for “é”). Ask the partner for a file entirely in UTF-8.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="607"/>
        <source>« {c} » attendu</source>
        <translation>“{c}” expected</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="622"/>
        <source>{erreur} (position {position})</source>
        <translation>{erreur} (position {position})</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="626"/>
        <source>objet de plus de {n} caractères</source>
        <translation>object longer than {n} characters</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="646"/>
        <source>« , » ou « ] » attendu</source>
        <translation>“,” or “]” expected</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="656"/>
        <source>ni objet ni tableau JSON</source>
        <translation>neither a JSON object nor a JSON array</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="688"/>
        <source>Le fichier JSON est tronqué : il s'arrête au milieu de l'objet {n}. Les {lus} objet(s) complet(s) précédent(s) sont lus ; demandez au partenaire un fichier complet.</source>
        <translation>The JSON file is truncated: it ends in the middle of object {n}. The {lus} previous complete object(s) are read; ask the partner for a complete file.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="692"/>
        <source>Le fichier JSON n'est pas en UTF-8 (obligatoire pour JSON) : rien n'a été importé.</source>
        <translation>The JSON file is not UTF-8 (mandatory for JSON): nothing was imported.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="696"/>
        <source>JSON illisible après l'objet {n} : {erreur}.</source>
        <translation>Unreadable JSON after object {n}: {erreur}.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="713"/>
        <source>Ce JSON ne contient aucune liste de lieux (FeatureCollection GeoJSON ou structures data·inclusion) : rien n'a été importé.</source>
        <translation>This JSON contains no list of places (GeoJSON FeatureCollection or data·inclusion structures): nothing was imported.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="722"/>
        <source>Ce fichier contient des services data·inclusion : choisissez le fichier des structures (le fichier des services placé à côté est lu avec lui).</source>
        <translation>This file contains data·inclusion services: choose the structures file (the services file next to it is read along with it).</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="733"/>
        <source>Ce JSON n'est ni une FeatureCollection GeoJSON ni une liste de structures data·inclusion : rien n'a été importé.</source>
        <translation>This JSON is neither a GeoJSON FeatureCollection nor a list of data·inclusion structures: nothing was imported.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="763"/>
        <source>Propriété « {colonne} » inconnue du standard : ses valeurs ne sont pas importées.</source>
        <translation>Property “{colonne}” is not in the standard: its values are not imported.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="788"/>
        <location filename="../core/io_standard.py" line="221"/>
        <source>Objet {numero} : pas de propriétés ; objet non importé.</source>
        <translation>Feature {numero}: no properties; feature not imported.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="798"/>
        <location filename="../core/io_standard.py" line="234"/>
        <source>Objet {numero} : géométrie « {type} » ignorée (un point est attendu).</source>
        <translation>Feature {numero}: “{type}” geometry ignored (a point is expected).</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="855"/>
        <source>Pas de fichier des services à côté ({fichier}) : services, publics et modalités ne sont pas importés.</source>
        <translation>No services file alongside ({fichier}): services, audiences and arrangements are not imported.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="865"/>
        <source>Service {n} sans structure_id : ignoré.</source>
        <translation>Service {n} without structure_id: skipped.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="873"/>
        <source>Fichier des services {fichier} illisible après le service {n} ({erreur}) : les services lus avant sont gardés.</source>
        <translation>Services file {fichier} unreadable after service {n} ({erreur}): the services read before are kept.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="875"/>
        <source>{n} service(s) data·inclusion lu(s) dans {fichier}.</source>
        <translation>{n} data·inclusion service(s) read from {fichier}.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="887"/>
        <source>Objet {numero} : ni nom ni identifiant, ce n'est pas une structure data·inclusion ; objet non importé.</source>
        <translation>Object {numero}: neither a name nor an identifier, it is not a data·inclusion structure; object not imported.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="938"/>
        <source>{n} lieu(x) placé(s) par leur adresse, {echecs} sans position.</source>
        <translation>{n} place(s) located by their address, {echecs} without a position.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="962"/>
        <location filename="../core/imports.py" line="1158"/>
        <source>ligne {n}</source>
        <translation>line {n}</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="962"/>
        <location filename="../core/imports.py" line="1157"/>
        <source>lieu {n}</source>
        <translation>place {n}</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="964"/>
        <location filename="../core/imports.py" line="980"/>
        <source>{ou} « {nom} » : non géocodé, {raison}</source>
        <translation>{ou} “{nom}”: not geocoded, {raison}</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="973"/>
        <source>{ou} « {nom} » : non géocodé ({raison}).</source>
        <translation>{ou} “{nom}”: not geocoded ({raison}).</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="975"/>
        <source>service d'adresses indisponible ({raison}).</source>
        <translation>address service unavailable ({raison}).</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="995"/>
        <source>seule la commune a été trouvée (position trop imprécise).</source>
        <translation>only the municipality was found (position too imprecise).</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="996"/>
        <source>adresse introuvable dans la base adresse nationale.</source>
        <translation>address not found in the national address database.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1001"/>
        <source>aucune adresse trouvée dans la commune du lieu.</source>
        <translation>no address found in the place's municipality.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1158"/>
        <source>objet {n}</source>
        <translation>object {n}</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1164"/>
        <source>{champ} : « {avant} » → « {apres} »</source>
        <translation>{champ}: “{avant}” → “{apres}”</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1170"/>
        <source>Identique à « {nom} » de la base ({regle}).</source>
        <translation>Identical to “{nom}” in the base ({regle}).</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1175"/>
        <source>même identifiant</source>
        <translation>same identifier</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1175"/>
        <source>même identifiant externe</source>
        <translation>same external identifier</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1175"/>
        <source>même SIRET, même commune</source>
        <translation>same SIRET, same municipality</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1176"/>
        <source>ressemblance très forte</source>
        <translation>very strong resemblance</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1180"/>
        <source>Nouveaux</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1180"/>
        <source>Modifiés</source>
        <translation>Modified</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1180"/>
        <source>Inchangés</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1180"/>
        <source>Doublons probables</source>
        <translation>Probable duplicates</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1181"/>
        <source>Invalides</source>
        <translation>Invalid</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1185"/>
        <source>nouveau</source>
        <translation>new</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1185"/>
        <source>modifié</source>
        <translation>modified</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1185"/>
        <source>inchangé</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1185"/>
        <source>doublon probable</source>
        <translation>probable duplicate</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1186"/>
        <source>invalide</source>
        <translation>invalid</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1196"/>
        <location filename="../ui/conflict_dialog.py" line="58"/>
        <location filename="../ui/history_dialog.py" line="48"/>
        <location filename="../ui/import_dialog.py" line="419"/>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1268"/>
        <source>sans position : nom et adresse quasi identiques</source>
        <translation>no position: name and address almost identical</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1306"/>
        <source>Valeurs corrigées à la lecture : {champs}.</source>
        <translation>Values corrected on reading: {champs}.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1314"/>
        <source>{ou} : la valeur de {champs} commence comme une formule de tableur (« {debut} ») : possible injection de formule, le lieu n'est pas importé (texte conservé tel quel, neutralisé dans les rapports).</source>
        <translation>{ou}: the value of {champs} starts like a spreadsheet formula (“{debut}”): possible formula injection, the place is not imported (text kept as is, neutralised in the reports).</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1323"/>
        <source>{ou} : l'identifiant « {id} » est déjà celui de la {autre} du fichier.</source>
        <translation>{ou}: the identifier “{id}” is already used by {autre} of the file.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1336"/>
        <source>même lieu de la base que la {ou} du fichier</source>
        <translation>same place of the base as {ou} of the file</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1362"/>
        <source>déjà dans le fichier ({ou})</source>
        <translation>already in the file ({ou})</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1394"/>
        <source>Identifiant externe {ids} porté par {n} lieux de la base : aucun n'est retenu d'office.</source>
        <translation>External identifier {ids} carried by {n} places of the base: none is picked automatically.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1530"/>
        <source>« {nom} » : non envoyé, import interrompu par l'agent.</source>
        <translation>“{nom}”: not sent, import interrupted by the agent.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1552"/>
        <source>La couche « {couche} » ne peut pas être modifiée : rien n'a été appliqué.</source>
        <translation>The layer “{couche}” cannot be edited: nothing was applied.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1578"/>
        <source>« {nom} » : ajouté à la couche, à enregistrer.</source>
        <translation>“{nom}”: added to the layer, to be saved.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1579"/>
        <source>« {nom} » : n'a pas pu être ajouté à la couche.</source>
        <translation>“{nom}”: could not be added to the layer.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1583"/>
        <source>« {nom} » : absent de la couche, modification non appliquée.</source>
        <translation>“{nom}”: missing from the layer, change not applied.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1591"/>
        <source>« {nom} » : modifié dans la couche, à enregistrer.</source>
        <translation>“{nom}”: modified in the layer, to be saved.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1627"/>
        <source>oui</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1627"/>
        <source>non</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1630"/>
        <source>refusé par l'agent : rien n'a été écrit</source>
        <translation>refused by the agent: nothing was written</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1654"/>
        <source>Rapport d'import</source>
        <translation>Import report</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1655"/>
        <source>Import appliqué : chaque lieu accepté porte la réponse du serveur.</source>
        <translation>Import applied: each accepted place shows the server's response.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1656"/>
        <source>Essai à blanc : rien n'a été écrit dans la base.</source>
        <translation>Dry run: nothing was written to the base.</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1667"/>
        <source>Nombre</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1667"/>
        <location filename="../ui/import_dialog.py" line="96"/>
        <source>Classe</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1671"/>
        <source>Non lus</source>
        <translation>Not read</translation>
    </message>
    <message>
        <location filename="../core/imports.py" line="1672"/>
        <location filename="../ui/import_dialog.py" line="96"/>
        <source>Détail</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="98"/>
        <source>« {champ} » : la valeur v0.1 « {valeur} » n'a pas d'équivalent v1.0 ; conservée dans le commentaire interne.</source>
        <translation>“{champ}”: the v0.1 value “{valeur}” has no v1.0 equivalent; kept in the internal comment.</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="104"/>
        <source>« {champ} » : « {valeur} » n'existe plus en v1.0 (tout public par défaut).</source>
        <translation>“{champ}”: “{valeur}” no longer exists in v1.0 (general public by default).</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="138"/>
        <source>Le fichier est vide : aucun en-tête ni aucune ligne.</source>
        <translation>The file is empty: no header and no rows.</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="209"/>
        <source>GeoJSON illisible : {erreur}.</source>
        <translation>Unreadable GeoJSON: {erreur}.</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="213"/>
        <source>Ce fichier n'est pas une FeatureCollection GeoJSON.</source>
        <translation>This file is not a GeoJSON FeatureCollection.</translation>
    </message>
    <message>
        <location filename="../core/layer.py" line="153"/>
        <source>{n} lieu(x) n'ont pas pu être chargés dans la couche (valeur incompatible avec le type d'un champ) : {erreurs}</source>
        <translation>{n} place(s) could not be loaded into the layer (value incompatible with a field type): {erreurs}</translation>
    </message>
    <message>
        <location filename="../core/network.py" line="98"/>
        <source>Le serveur {hote} n'a pas répondu dans le délai ({secondes} s).</source>
        <translation>The server {hote} did not respond in time ({secondes} s).</translation>
    </message>
    <message>
        <location filename="../core/network.py" line="101"/>
        <source>Requête vers {hote} annulée.</source>
        <translation>Request to {hote} cancelled.</translation>
    </message>
    <message>
        <location filename="../core/network.py" line="103"/>
        <source>Connexion sécurisée impossible avec {hote} : {detail}</source>
        <translation>Cannot establish a secure connection with {hote}: {detail}</translation>
    </message>
    <message>
        <location filename="../core/network.py" line="104"/>
        <source>Connexion impossible avec {hote} : {detail}</source>
        <translation>Cannot connect to {hote}: {detail}</translation>
    </message>
    <message>
        <location filename="../core/network.py" line="152"/>
        <source>réponse interrompue ({erreur})</source>
        <translation>response interrupted ({erreur})</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="157"/>
        <source>Guillemet non fermé.</source>
        <translation>Unclosed quotation mark.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="160"/>
        <source>Caractère inattendu « {caractere} ».</source>
        <translation>Unexpected character “{caractere}”.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="163"/>
        <source>Utiliser le tiret « - » au lieu de « {caractere} ».</source>
        <translation>Use the hyphen “-” instead of “{caractere}”.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="168"/>
        <source>« {mot} » : écrire {correct}.</source>
        <translation>“{mot}”: should be written {correct}.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="171"/>
        <source>« {mot} » n'est pas un jour reconnu : les jours s'écrivent Mo, Tu, We, Th, Fr, Sa, Su.</source>
        <translation>“{mot}” is not a recognized day: days are written Mo, Tu, We, Th, Fr, Sa, Su.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="173"/>
        <source>« {mot} » n'est pas un mot reconnu des horaires OSM.</source>
        <translation>“{mot}” is not a recognized word of OSM opening hours.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="183"/>
        <source>« {heure} » : les minutes vont de 00 à 59.</source>
        <translation>“{heure}”: minutes range from 00 to 59.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="185"/>
        <source>« {heure} » : heure invalide.</source>
        <translation>“{heure}”: invalid time.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="187"/>
        <source>« {heure} » : écrire l'heure au format HH:MM ({correct}).</source>
        <translation>“{heure}”: write the time in HH:MM format ({correct}).</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="220"/>
        <source>« {heure} » : heure de début invalide.</source>
        <translation>“{heure}”: invalid start time.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="223"/>
        <source>La plage {plage} est vide (début et fin identiques).</source>
        <translation>The time slot {plage} is empty (same start and end).</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="227"/>
        <source>La plage {plage} passe minuit et dure plus de 12 h.</source>
        <translation>The time slot {plage} goes past midnight and lasts more than 12 h.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="233"/>
        <source>La plage {plage} se termine avant de commencer.</source>
        <translation>The time slot {plage} ends before it starts.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="266"/>
        <source>mois ou dates</source>
        <translation>months or dates</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="267"/>
        <source>semaines</source>
        <translation>weeks</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="268"/>
        <source>vacances scolaires (SH)</source>
        <translation>school holidays (SH)</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="269"/>
        <source>dates variables (Pâques)</source>
        <translation>variable dates (Easter)</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="270"/>
        <source>lever ou coucher du soleil</source>
        <translation>sunrise or sunset</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="271"/>
        <source>décalage de jours</source>
        <translation>day offset</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="272"/>
        <source>n-ième jour du mois (ex. Mo[1])</source>
        <translation>nth day of the month (e.g. Mo[1])</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="273"/>
        <source>périodicité</source>
        <translation>periodicity</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="274"/>
        <source>heure de fin non précisée (+)</source>
        <translation>unspecified end time (+)</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="275"/>
        <source>heures variables</source>
        <translation>variable times</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="276"/>
        <source>années</source>
        <translation>years</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="277"/>
        <source>commentaire utilisé comme sélecteur</source>
        <translation>comment used as a selector</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="302"/>
        <source>règle de repli (||)</source>
        <translation>fallback rule (||)</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="311"/>
        <source>Règle vide (point-virgule en trop).</source>
        <translation>Empty rule (extra semicolon).</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="326"/>
        <source>« {nombre} » : écrire l'heure au format HH:MM.</source>
        <translation>“{nombre}”: write the time in HH:MM format.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="343"/>
        <source>jours fériés tombant certains jours (PH Mo-Fr)</source>
        <translation>public holidays falling on certain days (PH Mo-Fr)</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="361"/>
        <source>« : » inutile après les jours.</source>
        <translation>“:” not needed after the days.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="365"/>
        <source>Plage incomplète « {plage} ».</source>
        <translation>Incomplete time slot “{plage}”.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="368"/>
        <source>heure ponctuelle</source>
        <translation>single time (no time slot)</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="375"/>
        <source>Les plages {premiere} et {seconde} se chevauchent.</source>
        <translation>The time slots {premiere} and {seconde} overlap.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="384"/>
        <source>Virgule manquante entre les plages horaires.</source>
        <translation>Missing comma between the time slots.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="396"/>
        <source>Élément inattendu « {element} ».</source>
        <translation>Unexpected element “{element}”.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="419"/>
        <source>état inconnu (unknown)</source>
        <translation>unknown state (unknown)</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="424"/>
        <source>commentaire</source>
        <translation>comment</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="427"/>
        <source>« {commentaire} » : écrire « sur rendez-vous ».</source>
        <translation>“{commentaire}”: write “sur rendez-vous”.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="430"/>
        <source>fermeture d'une partie de la journée</source>
        <translation>closure for part of the day</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="433"/>
        <source>fermeture ajoutée par « , »</source>
        <translation>closure added with “,”</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="438"/>
        <source>rendez-vous à toute heure combiné à d'autres horaires</source>
        <translation>appointments at any time combined with other hours</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="441"/>
        <source>règle des jours fériés placée avant d'autres jours</source>
        <translation>public holiday rule placed before other days</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="471"/>
        <source>plus de 3 plages par jour</source>
        <translation>more than 3 time slots per day</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="473"/>
        <source>plages qui se chevauchent</source>
        <translation>overlapping time slots</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="489"/>
        <source>« sur rendez-vous » pour une partie des horaires seulement</source>
        <translation>“by appointment” for only part of the opening hours</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="531"/>
        <source>Horaires illisibles : conservés tels quels.</source>
        <translation>Unreadable opening hours: kept as they are.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="533"/>
        <source>Horaires invalides : {detail} Conservés tels quels.</source>
        <translation>Invalid opening hours: {detail} Kept as they are.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="535"/>
        <source>syntaxe avancée</source>
        <translation>advanced syntax</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="536"/>
        <source>Horaires non représentables dans la grille ({raisons}) : conservés tels quels.</source>
        <translation>Opening hours that cannot be shown in the grid ({raisons}): kept as they are.</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="538"/>
        <source>Écriture corrigée : {details}</source>
        <translation>Notation corrected: {details}</translation>
    </message>
    <message>
        <location filename="../core/opening_hours.py" line="552"/>
        <source>Horaires illisibles.</source>
        <translation>Unreadable opening hours.</translation>
    </message>
    <message>
        <location filename="../core/radars.py" line="109"/>
        <source>Ni commune (code INSEE) ni position : comparaison impossible avec la base.</source>
        <translation>Neither municipality (INSEE code) nor position: cannot be compared with the base.</translation>
    </message>
    <message>
        <location filename="../core/radars.py" line="110"/>
        <source>Aucun lieu de la base dans la même commune ni à proximité.</source>
        <translation>No place of the base in the same municipality or nearby.</translation>
    </message>
    <message>
        <location filename="../core/radars.py" line="111"/>
        <source>Lieu le plus proche dans la base : « {nom} » ({score} %, sous le seuil de {seuil} %).</source>
        <translation>Closest place in the base: « {nom} » ({score} %, below the {seuil} % threshold).</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="95"/>
        <source>ce lieu</source>
        <translation>this place</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="97"/>
        <source>« {nom} » : votre rôle (lecteur) ne permet pas de modifier les lieux.</source>
        <translation>“{nom}”: your role (reader) does not allow you to edit places.</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="101"/>
        <source>« {nom} » : ce lieu ({commune}) est hors de votre territoire ({territoire}).</source>
        <translation>“{nom}”: this place ({commune}) is outside your territory ({territoire}).</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="104"/>
        <source>créer</source>
        <translation>create</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="104"/>
        <source>placer</source>
        <translation>place</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="105"/>
        <source>« {nom} » : vous ne pouvez pas {verbe} un lieu à {commune}, hors de votre territoire ({territoire}).</source>
        <translation>“{nom}”: you cannot {verbe} a place in {commune}, outside your territory ({territoire}).</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="109"/>
        <source>« {nom} » : seul un animateur peut passer un lieu au statut « {statut} ».</source>
        <translation>“{nom}”: only a coordinator can move a place to the status “{statut}”.</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="114"/>
        <source>toute la région</source>
        <translation>the whole region</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="116"/>
        <source>aucun territoire</source>
        <translation>no territory</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="122"/>
        <source>département {code}</source>
        <translation>department {code}</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="122"/>
        <source>EPCI {code}</source>
        <translation>EPCI {code}</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="122"/>
        <source>commune {code}</source>
        <translation>municipality {code}</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="128"/>
        <source>Lecteur</source>
        <translation>Reader</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="128"/>
        <source>Contributeur</source>
        <translation>Contributor</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="128"/>
        <source>Animateur</source>
        <translation>Coordinator</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="130"/>
        <source>{role} — consultation seulement</source>
        <translation>{role} — view only</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="253"/>
        <source>Hors de votre territoire ({territoire}) : ce lieu ne peut être ni modifié ni créé ici avec vos droits.</source>
        <translation>Outside your territory ({territoire}): with your rights, this place can be neither edited nor created here.</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="262"/>
        <source>Modifiable</source>
        <translation>Editable</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="263"/>
        <source>Lecture seule : hors de votre territoire</source>
        <translation>Read-only: outside your territory</translation>
    </message>
    <message>
        <location filename="../core/rights.py" line="265"/>
        <source>Vos droits sur ce lieu</source>
        <translation>Your rights on this place</translation>
    </message>
    <message>
        <location filename="../core/routing/build.py" line="300"/>
        <source>Compilation du réseau routier annulée.</source>
        <translation>Road network compilation cancelled.</translation>
    </message>
    <message>
        <location filename="../core/routing/build.py" line="388"/>
        <source>Aucune route utilisable dans {source}.</source>
        <translation>No usable road in {source}.</translation>
    </message>
    <message>
        <location filename="../core/routing/build.py" line="396"/>
        <source>Coordonnées impossibles à convertir en Lambert-93 dans {source}.</source>
        <translation>Cannot convert the coordinates to Lambert-93 in {source}.</translation>
    </message>
    <message>
        <location filename="../core/routing/build.py" line="437"/>
        <source>lignes</source>
        <translation>lines</translation>
    </message>
    <message>
        <location filename="../core/routing/build.py" line="485"/>
        <source>Système de coordonnées inconnu : {crs}</source>
        <translation>Unknown coordinate reference system: {crs}</translation>
    </message>
    <message>
        <location filename="../core/routing/build.py" line="586"/>
        <location filename="../core/routing/build.py" line="593"/>
        <location filename="../core/routing/build.py" line="662"/>
        <location filename="../core/routing/build.py" line="746"/>
        <source>Fichier de réseau illisible : {chemin}</source>
        <translation>Unreadable network file: {chemin}</translation>
    </message>
    <message>
        <location filename="../core/routing/build.py" line="607"/>
        <source>Réseau routier compilé : {noeuds} nœuds, {troncons} tronçons ({source}).</source>
        <translation>Road network compiled: {noeuds} nodes, {troncons} segments ({source}).</translation>
    </message>
    <message>
        <location filename="../core/routing/build.py" line="677"/>
        <source>Aucune couche de lignes dans {chemin}.</source>
        <translation>No line layer in {chemin}.</translation>
    </message>
    <message>
        <location filename="../core/routing/build.py" line="755"/>
        <source>Réseau routier repris du cache : {chemin}</source>
        <translation>Road network reused from the cache: {chemin}</translation>
    </message>
    <message>
        <location filename="../core/routing/network.py" line="48"/>
        <location filename="../processing/alg_routage.py" line="54"/>
        <source>Mode de déplacement « {mode} » inconnu (voiture, pied ou velo).</source>
        <translation>Unknown travel mode “{mode}” (voiture, pied or velo).</translation>
    </message>
    <message>
        <location filename="../core/routing/network.py" line="242"/>
        <source>Fichier de réseau d'une version inconnue : {chemin}</source>
        <translation>Network file of an unknown version: {chemin}</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="85"/>
        <source>voiture</source>
        <translation>car</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="85"/>
        <source>à pied</source>
        <translation>on foot</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="85"/>
        <source>vélo</source>
        <translation>bicycle</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="94"/>
        <source>Lieu « {lieu} » : {erreur}</source>
        <translation>Place “{lieu}”: {erreur}</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="210"/>
        <source>Les seuils d'isochrone doivent être des durées positives (en secondes).</source>
        <translation>Isochrone thresholds must be positive durations (in seconds).</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="216"/>
        <location filename="../core/routing/providers.py" line="339"/>
        <source>Mode de déplacement inconnu : {mode}.</source>
        <translation>Unknown travel mode: {mode}.</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="218"/>
        <source>Sens de parcours inconnu : {sens} (attendu : to ou from).</source>
        <translation>Unknown travel direction: {sens} (expected: to or from).</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="266"/>
        <source>trop de points dans une seule requête</source>
        <translation>too many points in a single request</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="267"/>
        <source>un point est trop loin de toute route</source>
        <translation>a point is too far from any road</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="268"/>
        <location filename="../core/routing/providers.py" line="269"/>
        <location filename="../core/routing/providers.py" line="275"/>
        <source>aucun trajet trouvé</source>
        <translation>no route found</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="270"/>
        <location filename="../core/routing/providers.py" line="271"/>
        <location filename="../core/routing/providers.py" line="272"/>
        <source>paramètres refusés</source>
        <translation>parameters rejected</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="273"/>
        <source>adresse de requête refusée</source>
        <translation>request URL rejected</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="274"/>
        <source>aucune route près du point</source>
        <translation>no road near the point</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="276"/>
        <source>trop de courbes dans une seule requête</source>
        <translation>too many contours in a single request</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="277"/>
        <source>distance trop grande pour le service</source>
        <translation>distance too great for the service</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="278"/>
        <source>erreur interne du serveur</source>
        <translation>internal server error</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="281"/>
        <source>clé d'API absente ou non reconnue ; vérifiez la configuration d'authentification</source>
        <translation>API key missing or not recognized; check the authentication configuration</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="283"/>
        <source>accès refusé (clé d'API invalide, quota épuisé ou service non autorisé)</source>
        <translation>access denied (invalid API key, quota exhausted or service not authorized)</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="285"/>
        <source>adresse du service introuvable, vérifiez l'URL</source>
        <translation>service address not found, check the URL</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="342"/>
        <source>Le service {fournisseur} ({hote}) ne propose pas le mode {mode} ; modes disponibles : {modes}.</source>
        <translation>The service {fournisseur} ({hote}) does not offer the “{mode}” mode; available modes: {modes}.</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="348"/>
        <source>d'isochrones</source>
        <translation>isochrones</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="348"/>
        <source>de matrices de temps de parcours</source>
        <translation>travel time matrices</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="349"/>
        <source>Le service {fournisseur} ({hote}) ne calcule pas {quoi}.</source>
        <translation>The service {fournisseur} ({hote}) does not compute {quoi}.</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="415"/>
        <source>Le service d'itinéraires {fournisseur} ({hote}) est en erreur : {raison} (HTTP {statut}). Réessayez plus tard.</source>
        <translation>The routing service {fournisseur} ({hote}) reports an error: {raison} (HTTP {statut}). Try again later.</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="417"/>
        <source>Le service d'itinéraires {fournisseur} ({hote}) a refusé la requête : {raison} (HTTP {statut}).</source>
        <translation>The routing service {fournisseur} ({hote}) refused the request: {raison} (HTTP {statut}).</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="423"/>
        <source>Le service d'itinéraires {fournisseur} ({hote}) reçoit trop de requêtes ; nouvel essai possible dans {secondes} s.</source>
        <translation>The routing service {fournisseur} ({hote}) is receiving too many requests; you can try again in {secondes} s.</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="429"/>
        <source>Le service d'itinéraires {fournisseur} ({hote}) n'a pas répondu dans le délai de {secondes} s ; réessayez, ou augmentez le délai d'attente réseau dans les options de QGIS.</source>
        <translation>The routing service {fournisseur} ({hote}) did not respond within {secondes} s; try again, or increase the network timeout in the QGIS options.</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="433"/>
        <source>Calcul d'itinéraires annulé ({fournisseur}, {hote}).</source>
        <translation>Route calculation cancelled ({fournisseur}, {hote}).</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="435"/>
        <source>Le service d'itinéraires {fournisseur} ({hote}) est injoignable : {erreur}</source>
        <translation>The routing service {fournisseur} ({hote}) cannot be reached: {erreur}</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="465"/>
        <source>Réponse illisible du service d'itinéraires {fournisseur} ({hote}) : {erreur}</source>
        <translation>Unreadable response from the routing service {fournisseur} ({hote}): {erreur}</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="476"/>
        <source>Réponse inattendue du service d'itinéraires {fournisseur} ({hote}) : {quoi}.</source>
        <translation>Unexpected response from the routing service {fournisseur} ({hote}): {quoi}.</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="488"/>
        <source>La configuration d'authentification « {id} » ne convient pas à {fournisseur} : utilisez une configuration « API Header » (en-tête Authorization) ou « Basic » dont le mot de passe est la clé d'API.</source>
        <translation>The authentication configuration “{id}” is not suitable for {fournisseur}: use an “API Header” configuration (Authorization header) or a “Basic” one whose password is the API key.</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="540"/>
        <source>getcapabilities sans liste de ressources</source>
        <translation>getcapabilities without a list of resources</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="560"/>
        <source>La ressource « {ressource} » n'offre pas d'isochrones sur {hote} ; ressources disponibles : {liste}.</source>
        <translation>The resource “{ressource}” does not offer isochrones on {hote}; available resources: {liste}.</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="581"/>
        <source>La ressource {ressource} de {hote} ne propose pas le mode {mode} (profils : {profils}).</source>
        <translation>The resource {ressource} of {hote} does not offer the “{mode}” mode (profiles: {profils}).</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="585"/>
        <source>La ressource {ressource} de {hote} ne calcule pas d'isochrones en temps.</source>
        <translation>The resource {ressource} of {hote} does not compute time-based isochrones.</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="599"/>
        <source>isochrone sans géométrie</source>
        <translation>isochrone without geometry</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="637"/>
        <location filename="../core/routing/providers.py" line="798"/>
        <source>isochrones sans « features »</source>
        <translation>isochrones without “features”</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="648"/>
        <source>courbe absente pour {minutes} min</source>
        <translation>contour missing for {minutes} min</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="671"/>
        <location filename="../core/routing/providers.py" line="674"/>
        <location filename="../core/routing/providers.py" line="678"/>
        <location filename="../core/routing/providers.py" line="681"/>
        <location filename="../core/routing/providers.py" line="750"/>
        <location filename="../core/routing/providers.py" line="754"/>
        <location filename="../core/routing/providers.py" line="830"/>
        <location filename="../core/routing/providers.py" line="834"/>
        <source>matrice de taille inattendue</source>
        <translation>matrix of unexpected size</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="735"/>
        <source>OSRM ({hote}) : le point de départ n° {n} est trop loin de toute route ; ses temps sont laissés vides.</source>
        <translation>OSRM ({hote}): starting point no. {n} is too far from any road; its times are left empty.</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="739"/>
        <source>OSRM ({hote}) : le point d'arrivée n° {n} est trop loin de toute route ; ses temps sont laissés vides.</source>
        <translation>OSRM ({hote}): destination point no. {n} is too far from any road; its times are left empty.</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="747"/>
        <source>code {code}</source>
        <translation>code {code}</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="784"/>
        <source>{fournisseur} limite les isochrones {mode} à {max} min ; seuil demandé : {seuil} min.</source>
        <translation>{fournisseur} limits isochrones ({mode}) to {max} min; requested threshold: {seuil} min.</translation>
    </message>
    <message>
        <location filename="../core/routing/providers.py" line="812"/>
        <source>isochrone absente pour {minutes} min</source>
        <translation>isochrone missing for {minutes} min</translation>
    </message>
    <message>
        <location filename="../core/routing/sources.py" line="39"/>
        <source>Réseau routier introuvable : {chemin}</source>
        <translation>Road network not found: {chemin}</translation>
    </message>
    <message>
        <location filename="../core/routing/sources.py" line="48"/>
        <source>Format de réseau non reconnu : {chemin} (attendu : .npz, .osm.pbf ou une couche de lignes).</source>
        <translation>Unrecognized network format: {chemin} (expected: .npz, .osm.pbf or a line layer).</translation>
    </message>
    <message>
        <location filename="../core/settings.py" line="59"/>
        <location filename="../ui/settings_page.py" line="117"/>
        <source>Adresse du service WFS</source>
        <translation>WFS service address</translation>
    </message>
    <message>
        <location filename="../core/settings.py" line="59"/>
        <location filename="../ui/settings_page.py" line="150"/>
        <source>Adresse du catalogue CSW</source>
        <translation>CSW catalogue address</translation>
    </message>
    <message>
        <location filename="../core/settings.py" line="60"/>
        <source>Service de géocodage</source>
        <translation>Geocoding service</translation>
    </message>
    <message>
        <location filename="../core/settings.py" line="63"/>
        <location filename="../core/settings.py" line="73"/>
        <source>{champ} : adresse http(s) attendue, reçu « {valeur} ».</source>
        <translation>{champ}: an http(s) address is expected, got “{valeur}”.</translation>
    </message>
    <message>
        <location filename="../core/settings.py" line="65"/>
        <source>{champ} : l'adresse contient un identifiant ou un mot de passe ; utilisez une configuration d'authentification QGIS.</source>
        <translation>{champ}: the address contains a user name or a password; use a QGIS authentication configuration instead.</translation>
    </message>
    <message>
        <location filename="../core/settings.py" line="67"/>
        <source>Géoplateforme (navigation)</source>
        <translation>Géoplateforme (navigation)</translation>
    </message>
    <message>
        <location filename="../core/settings.py" line="67"/>
        <location filename="../ui/settings_page.py" line="163"/>
        <source>Serveur Valhalla</source>
        <translation>Valhalla server</translation>
    </message>
    <message>
        <location filename="../core/settings.py" line="68"/>
        <location filename="../ui/settings_page.py" line="166"/>
        <source>Serveur OSRM</source>
        <translation>OSRM server</translation>
    </message>
    <message>
        <location filename="../core/settings.py" line="68"/>
        <location filename="../processing/alg_routage.py" line="148"/>
        <location filename="../ui/settings_page.py" line="168"/>
        <source>openrouteservice</source>
        <translation>openrouteservice</translation>
    </message>
    <message>
        <location filename="../core/settings.py" line="75"/>
        <source>{champ} : l'adresse contient un identifiant, un mot de passe ou une clé ; utilisez une configuration d'authentification QGIS.</source>
        <translation>{champ}: the address contains a user name, a password or a key; use a QGIS authentication configuration instead.</translation>
    </message>
    <message>
        <location filename="../core/settings.py" line="78"/>
        <source>Version WFS « {valeur} » inconnue (auto, 2.0.0 ou 1.1.0).</source>
        <translation>Unknown WFS version “{valeur}” (auto, 2.0.0 or 1.1.0).</translation>
    </message>
    <message>
        <location filename="../core/settings.py" line="80"/>
        <source>Taille de page : entre 10 et 100 000 objets.</source>
        <translation>Page size: between 10 and 100,000 features.</translation>
    </message>
    <message>
        <location filename="../core/settings.py" line="82"/>
        <source>Le nom de la couche des lieux est vide.</source>
        <translation>The places layer name is empty.</translation>
    </message>
    <message>
        <location filename="../core/style.py" line="34"/>
        <source>Autre statut</source>
        <translation>Other status</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="114"/>
        <source>{n} lieu(x) enregistré(s) sur le serveur.</source>
        <translation>{n} place(s) saved to the server.</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="116"/>
        <source>{n} lieu(x) enregistré(s) sur {total} ; les autres restent en attente dans la couche.</source>
        <translation>{n} of {total} place(s) saved; the others remain pending in the layer.</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="216"/>
        <source>« {nom} » : création enregistrée sur le serveur.</source>
        <translation>“{nom}”: creation saved to the server.</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="217"/>
        <source>« {nom} » : modification enregistrée sur le serveur.</source>
        <translation>“{nom}”: change saved to the server.</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="218"/>
        <source>« {nom} » : suppression enregistrée sur le serveur.</source>
        <translation>“{nom}”: deletion saved to the server.</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="220"/>
        <source>(Vérifié sur le serveur après : {raison}.)</source>
        <translation>(Checked on the server after: {raison}.)</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="224"/>
        <source>« {nom} » : ce lieu a été supprimé du serveur par quelqu'un d'autre depuis son chargement ; votre modification n'a pas été envoyée. Choisissez : la recréer ou l'abandonner.</source>
        <translation>“{nom}”: this place has been deleted from the server by someone else since it was loaded; your change was not sent. Choose whether to recreate it or discard it.</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="226"/>
        <source>« {nom} » : ce lieu a été modifié sur le serveur depuis son chargement (version {base} → {serveur}, par {editeur}) ; votre modification n'a pas été envoyée. Comparez les deux versions et choisissez.</source>
        <translation>“{nom}”: this place has been modified on the server since it was loaded (version {base} → {serveur}, by {editeur}); your change was not sent. Compare the two versions and choose.</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="229"/>
        <location filename="../ui/history_dialog.py" line="131"/>
        <source>inconnu</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="231"/>
        <source>« {nom} » : le serveur a refusé la modification : {raison}. Elle reste en attente dans la couche.</source>
        <translation>“{nom}”: the server refused the change: {raison}. It remains pending in the layer.</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="234"/>
        <source>« {nom} » : impossible de vérifier l'état du serveur ({raison}). La modification reste en attente et sera vérifiée au prochain envoi, sans doublon.</source>
        <translation>“{nom}”: cannot check the state of the server ({raison}). The change remains pending and will be checked at the next send, without creating duplicates.</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="236"/>
        <source>« {nom} » : modification non enregistrée ({raison}). Elle reste en attente dans la couche ; réessayez l'enregistrement.</source>
        <translation>“{nom}”: change not saved ({raison}). It remains pending in the layer; try saving again.</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="245"/>
        <location filename="../core/sync.py" line="257"/>
        <source>envoi précédent déjà reçu</source>
        <translation>previous send already received</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="249"/>
        <source>lieu déjà absent du serveur</source>
        <translation>place already missing from the server</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="279"/>
        <location filename="../core/sync.py" line="321"/>
        <source>le serveur n'a modifié aucun lieu (droits insuffisants ?)</source>
        <translation>the server did not modify any place (insufficient permissions?)</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="281"/>
        <source>sans réponse du serveur</source>
        <translation>no response from the server</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="310"/>
        <source>le serveur n'a pas répondu dans le délai</source>
        <translation>the server did not respond in time</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="322"/>
        <source>le serveur n'a appliqué qu'une partie de la transaction</source>
        <translation>the server applied only part of the transaction</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="335"/>
        <source>Attention : {n} copie(s) en double sur le serveur n'ont pas pu être supprimées ({raison}).</source>
        <translation>Warning: {n} duplicate copy(ies) on the server could not be deleted ({raison}).</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="340"/>
        <source>{n} copie(s) en double créée(s) par une nouvelle tentative du réseau ont été supprimées.</source>
        <translation>{n} duplicate copy(ies) created by a network retry have been deleted.</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="343"/>
        <source>Attention : {n} copies de ce lieu restent sur le serveur.</source>
        <translation>Warning: {n} copies of this place remain on the server.</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="352"/>
        <source>{refus} Modification non envoyée ; elle reste en attente dans la couche.</source>
        <translation>{refus} Change not sent; it remains pending in the layer.</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="357"/>
        <source>« {nom} » : non envoyé, à corriger : {erreurs} Il reste en attente dans la couche.</source>
        <translation>“{nom}”: not sent, needs fixing: {erreurs} It remains pending in the layer.</translation>
    </message>
    <message>
        <location filename="../core/sync.py" line="438"/>
        <source>(historique non enregistré : {raison}.)</source>
        <translation>(history not saved: {raison}.)</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="79"/>
        <source>{lieux} lieux, {valides} conformes au standard, {erreurs} erreurs, {avertissements} avertissements</source>
        <translation>{lieux} places, {valides} compliant with the standard, {erreurs} errors, {avertissements} warnings</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="91"/>
        <source>Lieu « {lieu} »</source>
        <translation>Place “{lieu}”</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="93"/>
        <source>Ligne {ligne} (« {lieu} »)</source>
        <translation>Line {ligne} (“{lieu}”)</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="94"/>
        <source>Ligne {ligne}</source>
        <translation>Line {ligne}</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="231"/>
        <source>{lieu}, champ « {champ} » : {message}</source>
        <translation>{lieu}, field “{champ}”: {message}</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="253"/>
        <source>champ obligatoire non renseigné.</source>
        <translation>required field is empty.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="257"/>
        <source>ne contient que des espaces.</source>
        <translation>contains only spaces.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="262"/>
        <source>« {valeur} » n'est pas un nombre (séparateur décimal : le point).</source>
        <translation>“{valeur}” is not a number (decimal separator: the dot).</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="266"/>
        <source>{valeur} est hors de l'intervalle [{min} ; {max}] (coordonnées WGS84).</source>
        <translation>{valeur} is outside the range [{min}; {max}] (WGS84 coordinates).</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="272"/>
        <source>« {valeur} » n'est pas une date au format AAAA-MM-JJ.</source>
        <translation>“{valeur}” is not a date in YYYY-MM-DD format.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="275"/>
        <source>date à écrire sur 10 caractères : « {correction} ».</source>
        <translation>date must be written with 10 characters: “{correction}”.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="277"/>
        <source>la date {valeur} est dans le futur.</source>
        <translation>the date {valeur} is in the future.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="281"/>
        <source>« {valeur} » n'est pas une valeur oui/non.</source>
        <translation>“{valeur}” is not a yes/no value.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="285"/>
        <source>« {valeur} » n'est pas un nombre entier.</source>
        <translation>“{valeur}” is not an integer.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="289"/>
        <source>« {valeur} » n'est pas un horodatage ISO 8601.</source>
        <translation>“{valeur}” is not an ISO 8601 timestamp.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="292"/>
        <source>{longueur} caractères, au-delà du maximum de {max}.</source>
        <translation>{longueur} characters, over the maximum of {max}.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="301"/>
        <source>valeur(s) hors de la liste du standard : {valeurs}.</source>
        <translation>value(s) not in the standard’s list: {valeurs}.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="304"/>
        <source>valeur(s) mal écrite(s) (majuscules, accents, apostrophe ou espaces) : {valeurs}.</source>
        <translation>misspelled value(s) (capitals, accents, apostrophe or spaces): {valeurs}.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="307"/>
        <source>« {valeur} » : valeurs à séparer par « | », sans espaces ni « | » en trop.</source>
        <translation>“{valeur}”: values must be separated by “|”, with no spaces and no extra “|”.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="310"/>
        <source>« {valeur} » ne respecte pas le format attendu : {format}.</source>
        <translation>“{valeur}” does not match the expected format: {format}.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="323"/>
        <source>code(s) inconnu(s) de la liste nationale : {valeurs} (refusés par la cartographie nationale).</source>
        <translation>code(s) not in the national list: {valeurs} (rejected by the national map).</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="326"/>
        <location filename="../core/validation.py" line="344"/>
        <source>valeur à écrire « {correction} ».</source>
        <translation>value should be written “{correction}”.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="328"/>
        <source>valeur approchante mais pas exacte : {valeurs}.</source>
        <translation>close but not exact value: {valeurs}.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="335"/>
        <source>adresse(s) de courriel mal formée(s) : {valeurs}.</source>
        <translation>malformed email address(es): {valeurs}.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="339"/>
        <source>adresse(s) web mal formée(s) (http:// ou https:// attendu) : {valeurs}.</source>
        <translation>malformed web address(es) (http:// or https:// expected): {valeurs}.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="342"/>
        <source>le SIRET {valeur} a une clé de contrôle invalide.</source>
        <translation>SIRET {valeur} has an invalid check digit.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="353"/>
        <source>l'identifiant « {id} » est déjà celui de la ligne {ligne}.</source>
        <translation>the identifier “{id}” is already used by line {ligne}.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="362"/>
        <source>aucun service : la cartographie nationale affichera « {acces} » et ignorera : {champs}.</source>
        <translation>no service: the national map will show “{acces}” and ignore: {champs}.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="365"/>
        <source>aucun service : la cartographie nationale affichera « {acces} ».</source>
        <translation>no service: the national map will show “{acces}”.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="371"/>
        <source>latitude et longitude vont ensemble : l'une manque.</source>
        <translation>latitude and longitude go together: one of them is missing.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="394"/>
        <source>En-tête : la colonne obligatoire « {colonne} » du standard est absente.</source>
        <translation>Header: the required standard column “{colonne}” is missing.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="398"/>
        <source>En-tête : la colonne « {colonne} » ne fait pas partie du standard ; elle est ignorée.</source>
        <translation>Header: the column “{colonne}” is not part of the standard; it is ignored.</translation>
    </message>
    <message>
        <location filename="../core/validation.py" line="402"/>
        <source>En-tête : les colonnes du standard ne sont pas dans l'ordre officiel.</source>
        <translation>Header: the standard columns are not in the official order.</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="68"/>
        <source>Réponse XML refusée : elle déclare une DTD ou des entités.</source>
        <translation>XML response rejected: it declares a DTD or entities.</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="72"/>
        <source>Réponse XML illisible : {erreur}</source>
        <translation>Unreadable XML response: {erreur}</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="142"/>
        <source>Le serveur a refusé GetCapabilities : {texte}</source>
        <translation>The server refused GetCapabilities: {texte}</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="144"/>
        <source>La réponse de {url} n'est pas un document de capacités WFS.</source>
        <translation>The response from {url} is not a WFS capabilities document.</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="147"/>
        <source>Version WFS {version} non prise en charge (1.1.0 ou 2.0.0 attendue).</source>
        <translation>WFS version {version} is not supported (1.1.0 or 2.0.0 expected).</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="151"/>
        <source>Capacités WFS illisibles : {erreur}</source>
        <translation>Unreadable WFS capabilities: {erreur}</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="220"/>
        <source>réponse inattendue</source>
        <translation>unexpected response</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="221"/>
        <source>Description de {type} impossible : {texte}</source>
        <translation>Cannot describe {type}: {texte}</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="302"/>
        <source>Réponse GeoJSON illisible : {erreur}</source>
        <translation>Unreadable GeoJSON response: {erreur}</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="304"/>
        <source>La réponse n'est pas une collection GeoJSON.</source>
        <translation>The response is not a GeoJSON collection.</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="343"/>
        <source>Le serveur a refusé la lecture : {texte}</source>
        <translation>The server refused the read request: {texte}</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="376"/>
        <source>Le serveur a refusé le comptage : {texte}</source>
        <translation>The server refused the count request: {texte}</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="381"/>
        <source>Le serveur n'a pas donné le nombre d'objets (resultType=hits).</source>
        <translation>The server did not return the number of features (resultType=hits).</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="418"/>
        <location filename="../core/wfs.py" line="488"/>
        <location filename="../core/wfs.py" line="513"/>
        <source>{quoi} : {erreur}</source>
        <translation>{quoi}: {erreur}</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="427"/>
        <source>{quoi} : le serveur a répondu « {texte} » (HTTP {statut}).</source>
        <translation>{quoi}: the server responded “{texte}” (HTTP {statut}).</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="432"/>
        <source>{quoi} : {raison} (HTTP {statut}).</source>
        <translation>{quoi}: {raison} (HTTP {statut}).</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="446"/>
        <source>Lecture des capacités du service WFS</source>
        <translation>Reading the WFS service capabilities</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="467"/>
        <source>La couche « {couche} » n'est pas publiée par ce service WFS.</source>
        <translation>The layer “{couche}” is not published by this WFS service.</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="473"/>
        <source>Description de la couche {couche}</source>
        <translation>Describing the layer {couche}</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="481"/>
        <source>Comptage des objets de {couche}</source>
        <translation>Counting the features of {couche}</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="501"/>
        <source>Lecture des objets de {couche}</source>
        <translation>Reading the features of {couche}</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="538"/>
        <source>Chargement incomplet de {couche} : {recus} objets reçus sur {attendus} annoncés par le serveur.</source>
        <translation>Incomplete loading of {couche}: {recus} features received out of {attendus} announced by the server.</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="558"/>
        <source>Envoi de la transaction : {erreur}</source>
        <translation>Sending the transaction: {erreur}</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="584"/>
        <source>refus sans motif</source>
        <translation>refused without a reason</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="587"/>
        <source>réponse HTTP {statut} du serveur</source>
        <translation>HTTP {statut} response from the server</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="595"/>
        <source>réponse inattendue du serveur ({element})</source>
        <translation>unexpected response from the server ({element})</translation>
    </message>
    <message>
        <location filename="../core/wfs.py" line="607"/>
        <source>le serveur signale un échec</source>
        <translation>the server reports a failure</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="52"/>
        <source>Médiation &amp;numérique</source>
        <translation>&amp;Digital Inclusion</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="80"/>
        <source>Charger les lieux (Géo2France)</source>
        <translation>Load places (Géo2France)</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="81"/>
        <source>Nouveau lieu…</source>
        <translation>New place…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="82"/>
        <source>Rechercher des lieux</source>
        <translation>Search for places</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="84"/>
        <source>Isochrones des lieux…</source>
        <translation>Place isochrones…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="85"/>
        <source>Temps d'accès d'un territoire…</source>
        <translation>Travel time to places across a territory…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="86"/>
        <source>Importer un fichier partenaire…</source>
        <translation>Import a partner file…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="87"/>
        <source>Fraîcheur des lieux…</source>
        <translation>Freshness of places…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="88"/>
        <source>Lieux sous les radars…</source>
        <translation>Places under the radar…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="89"/>
        <source>Atlas territorial…</source>
        <translation>Territorial atlas…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="90"/>
        <source>Annuaire des lieux…</source>
        <translation>Directory of places…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="91"/>
        <source>Exporter (CSV, ODS, GeoJSON, data·inclusion)…</source>
        <translation>Export (CSV, ODS, GeoJSON, data·inclusion)…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="92"/>
        <source>Gérer les droits des agents…</source>
        <translation>Manage agent rights…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="93"/>
        <source>Paramètres de connexion…</source>
        <translation>Connection settings…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="94"/>
        <source>Charger la base de démonstration</source>
        <translation>Load the demo database</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="95"/>
        <source>Valider des lieux…</source>
        <translation>Validate places…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="96"/>
        <source>Exporter au standard national…</source>
        <translation>Export to the national standard…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="205"/>
        <location filename="../plugin.py" line="241"/>
        <source>Chargez d'abord les lieux (ou sélectionnez leur couche).</source>
        <translation>Load the places first (or select their layer).</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="221"/>
        <source>Réservé aux animateurs : chargez les lieux avec un compte animateur.</source>
        <translation>Reserved for coordinators: load the places with a coordinator account.</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="244"/>
        <source>Fichier d'un partenaire</source>
        <translation>Partner's file</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="245"/>
        <location filename="../processing/alg_sous_les_radars.py" line="111"/>
        <source>Lieux (*.csv *.geojson *.json);;Tous les fichiers (*)</source>
        <translation>Places (*.csv *.geojson *.json);;All files (*)</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="37"/>
        <source>Annuaire des lieux</source>
        <translation>Directory of places</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="38"/>
        <source>L'annuaire imprimable des lieux d'un territoire : une couverture, un sommaire par commune avec les numéros de page, puis les lieux regroupés par commune (ordre alphabétique), chacun avec son adresse, ses horaires en clair, ses contacts, ses services (Apprentissage, Démarches, Matériel), ses publics, ses modalités et ses labels. En PDF (A4) et/ou en page HTML autonome (à ouvrir ou à publier telle quelle). Filtres possibles : services, labels et dispositifs (dont APTIC et pass numérique), communes ou codes INSEE (« 80 » : la Somme), expression ; par défaut, seuls les lieux publiés. Le PDF se dessine dans le fil principal de QGIS : l'interface attend la fin du calcul (quelques secondes pour 2 000 lieux).</source>
        <translation>The printable directory of the places of a territory: a cover page, a table of contents by municipality with page numbers, then the places grouped by municipality (in alphabetical order), each with its address, its opening hours in plain words, its contacts, its services (Apprentissage, Démarches, Matériel), its audiences, its arrangements and its labels. As a PDF (A4) and/or a standalone HTML page (to open or publish as is). Possible filters: services, labels and programmes (including APTIC and the digital pass), municipalities or INSEE codes (“80”: the Somme), expression; by default, only published places. The PDF is drawn in the main QGIS thread: the interface waits until the computation ends (a few seconds for 2,000 places).</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="47"/>
        <location filename="../processing/alg_atlas.py" line="84"/>
        <location filename="../processing/alg_exporter.py" line="61"/>
        <source>Valorisation</source>
        <translation>Publishing</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="60"/>
        <source>Territoire (titre de la couverture)</source>
        <translation>Territory (title of the cover page)</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="63"/>
        <source>Communes : codes INSEE ou leur début (80 : la Somme), ou noms, séparés par des virgules</source>
        <translation>Municipalities: INSEE codes or their beginning (80: the Somme), or names, separated by commas</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="65"/>
        <source>Ne garder que les lieux où… (expression)</source>
        <translation>Keep only the places where… (expression)</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="66"/>
        <source>Services (au moins un de)</source>
        <translation>Services (at least one of)</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="68"/>
        <source>Labels et dispositifs (au moins un de)</source>
        <translation>Labels and programmes (at least one of)</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="71"/>
        <source>Annuaire (PDF)</source>
        <translation>Directory (PDF)</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="71"/>
        <location filename="../processing/alg_atlas.py" line="109"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="73"/>
        <source>Annuaire (page HTML)</source>
        <translation>Directory (HTML page)</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="73"/>
        <source>HTML (*.html *.htm)</source>
        <translation>HTML (*.html *.htm)</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="75"/>
        <location filename="../processing/alg_valider.py" line="51"/>
        <source>Nombre de lieux</source>
        <translation>Number of places</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="76"/>
        <source>Nombre de communes</source>
        <translation>Number of municipalities</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="77"/>
        <source>Nombre de pages du PDF</source>
        <translation>Number of PDF pages</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="92"/>
        <location filename="../processing/alg_atlas.py" line="117"/>
        <location filename="../processing/alg_fraicheur.py" line="152"/>
        <location filename="../processing/alg_routage.py" line="164"/>
        <source>Couche de lieux introuvable.</source>
        <translation>Places layer not found.</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="116"/>
        <source>Indiquez au moins un fichier de sortie : PDF ou HTML.</source>
        <translation>Specify at least one output file: PDF or HTML.</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="123"/>
        <source>La couche n'a pas de champ « hdf_statut » : tous les lieux sont repris, publiés ou non.</source>
        <translation>The layer has no “hdf_statut” field: all places are included, published or not.</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="133"/>
        <source>Aucun lieu ne correspond aux critères : l'annuaire serait vide.</source>
        <translation>No place matches the criteria: the directory would be empty.</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="134"/>
        <source>{lieux} lieu(x) dans {communes} commune(s).</source>
        <translation>{lieux} place(s) in {communes} municipality(ies).</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="135"/>
        <source>Annuaire des lieux de médiation numérique</source>
        <translation>Directory of digital inclusion places</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="143"/>
        <source>Page HTML écrite : {fichier}</source>
        <translation>HTML page written: {fichier}</translation>
    </message>
    <message>
        <location filename="../processing/alg_annuaire.py" line="153"/>
        <source>PDF écrit : {fichier} ({pages} pages).</source>
        <translation>PDF written: {fichier} ({pages} pages).</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="74"/>
        <source>Atlas territorial (PDF)</source>
        <translation>Territorial atlas (PDF)</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="75"/>
        <source>Un PDF prêt à imprimer, une page par territoire (région, département, EPCI ou commune) : carte des lieux (France Services, conseillers numériques, autres lieux) sur fond communes / EPCI / départements, chiffres clés (lieux par type de services, dispositifs, APTIC, population, part de la population à moins de 10, 20 et 30 minutes si une couche de temps d'accès est fournie) et liste des lieux. Territoires par défaut : les couches du projet nommées communes, EPCI, départements, sinon celles de la base de démonstration. Sélection : une expression, ex. "code_departement" = '80'. Modèles A4/A3, portrait/paysage, ou votre propre modèle .qpt (mêmes identifiants d'éléments). S'exécute sur le fil principal de QGIS.</source>
        <translation>A print-ready PDF, one page per territory (region, department, EPCI or municipality): map of the places (France Services, digital advisers, other places) over a municipalities / EPCI / departments background, key figures (places by type of service, programmes, APTIC, population, share of the population within 10, 20 and 30 minutes if a travel time layer is provided) and list of the places. Default territories: the project layers named communes, EPCI, départements, otherwise those of the demo database. Selection: an expression, e.g. "code_departement" = '80'. A4/A3 templates, portrait/landscape, or your own .qpt template (same item IDs). Runs in the main QGIS thread.</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="95"/>
        <source>Niveau de territoire (une page par territoire)</source>
        <translation>Territory level (one page per territory)</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="96"/>
        <location filename="../ui/find_dock.py" line="399"/>
        <source>Département</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="96"/>
        <location filename="../ui/find_dock.py" line="401"/>
        <location filename="../ui/import_dialog.py" line="96"/>
        <source>Commune</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="98"/>
        <source>Couche des territoires (vide : couche du projet ou de la base de démonstration)</source>
        <translation>Territories layer (empty: project layer or demo database layer)</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="100"/>
        <source>Sélection des territoires (expression, ex. "code_departement" = '80' ; vide : tous)</source>
        <translation>Territory selection (expression, e.g. "code_departement" = '80'; empty: all)</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="102"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="103"/>
        <source>A4 portrait</source>
        <translation>A4 portrait</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="103"/>
        <source>A4 paysage</source>
        <translation>A4 landscape</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="103"/>
        <source>A3 portrait</source>
        <translation>A3 portrait</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="103"/>
        <source>A3 paysage</source>
        <translation>A3 landscape</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="104"/>
        <source>Modèle de mise en page .qpt (remplace le format)</source>
        <translation>Layout template .qpt (replaces the format)</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="107"/>
        <source>Couche supplémentaire sous les lieux (temps d'accès ou isochrones)</source>
        <translation>Additional layer under the places (travel times or isochrones)</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="108"/>
        <source>Lieux publiés seulement</source>
        <translation>Published places only</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="109"/>
        <source>Atlas (PDF)</source>
        <translation>Atlas (PDF)</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="110"/>
        <source>Nombre de pages</source>
        <translation>Number of pages</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="125"/>
        <source>Aucune couche de territoires pour le niveau {niveau} : indiquez-la.</source>
        <translation>No territories layer for the level {niveau}: specify it.</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="136"/>
        <source>Pas de champ hdf_statut : tous les lieux sont retenus.</source>
        <translation>No hdf_statut field: all places are kept.</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="152"/>
        <source>{n} territoire(s) : export du PDF…</source>
        <translation>{n} territory(ies): exporting the PDF…</translation>
    </message>
    <message>
        <location filename="../processing/alg_atlas.py" line="162"/>
        <source>Atlas de {pages} page(s) écrit en {secondes} s : {fichier}</source>
        <translation>Atlas of {pages} page(s) written in {secondes} s: {fichier}</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="50"/>
        <source>Exporter les lieux (CSV, ODS, GeoJSON, data·inclusion)</source>
        <translation>Export places (CSV, ODS, GeoJSON, data·inclusion)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="51"/>
        <source>Écrit les mêmes lieux dans un ou plusieurs formats : le CSV du standard national v1.0.2 (32 colonnes dans l'ordre officiel, nom de fichier officiel), un classeur ODS avec une feuille par département (« 02 - Aisne »…), un GeoJSON (points WGS84) et les fichiers structures + services du schéma data·inclusion v1 (correspondances reprises du traitement national de data·inclusion). Par défaut seuls les lieux publiés sont exportés. Les valeurs sont normalisées ; un lieu encore non conforme n'est écrit dans aucun format et il est signalé dans le journal avec la raison. Dans le classeur ODS, une valeur qu'un tableur prendrait pour une formule (=, +, -, @…) est précédée d'une apostrophe ; le CSV et le GeoJSON gardent les valeurs telles quelles.</source>
        <translation>Writes the same places in one or more formats: the CSV of the national standard v1.0.2 (32 columns in the official order, official file name), an ODS spreadsheet with one sheet per department (“02 - Aisne”…), a GeoJSON (WGS84 points) and the structures + services files of the data·inclusion v1 schema (mappings taken from the national data·inclusion processing). By default only published places are exported. Values are normalized; a place that is still non-compliant is written in no format and is reported in the log with the reason. In the ODS spreadsheet, a value that a spreadsheet application would take for a formula (=, +, -, @…) is preceded by an apostrophe; the CSV and the GeoJSON keep the values as they are.</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="68"/>
        <location filename="../processing/alg_exporter_standard.py" line="40"/>
        <location filename="../processing/alg_valider.py" line="46"/>
        <source>Couche de lieux</source>
        <translation>Places layer</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="70"/>
        <location filename="../processing/alg_exporter_standard.py" line="42"/>
        <location filename="../processing/alg_valider.py" line="48"/>
        <source>ou fichier de lieux (CSV, GeoJSON)</source>
        <translation>or places file (CSV, GeoJSON)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="71"/>
        <location filename="../processing/alg_exporter_standard.py" line="43"/>
        <location filename="../processing/alg_valider.py" line="49"/>
        <source>Lieux (*.csv *.geojson *.json)</source>
        <translation>Places (*.csv *.geojson *.json)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="72"/>
        <source>CSV du standard national v1.0.2</source>
        <translation>National standard CSV v1.0.2</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="72"/>
        <source>ODS (une feuille par département)</source>
        <translation>ODS (one sheet per department)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="73"/>
        <source>data·inclusion v1 (structures + services)</source>
        <translation>data·inclusion v1 (structures + services)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="75"/>
        <source>Formats</source>
        <translation>Formats</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="77"/>
        <location filename="../processing/alg_exporter_standard.py" line="45"/>
        <source>Identifiant du producteur (SIRET ou RNA)</source>
        <translation>Producer identifier (SIRET or RNA)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="79"/>
        <source>Territoire (pour le nom des fichiers)</source>
        <translation>Territory (for the file names)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="81"/>
        <source>Source data·inclusion (identifiant du producteur, en minuscules)</source>
        <translation>data·inclusion source (producer identifier, in lower case)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="84"/>
        <source>Ajouter les colonnes de l'extension régionale (hdf_) au CSV, à l'ODS et au GeoJSON</source>
        <translation>Add the regional extension columns (hdf_) to the CSV, the ODS and the GeoJSON</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="87"/>
        <location filename="../processing/alg_exporter_standard.py" line="49"/>
        <source>Seulement les lieux publiés (statut régional « Publié »)</source>
        <translation>Only published places (regional status “Publié”)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="88"/>
        <location filename="../processing/alg_exporter_standard.py" line="52"/>
        <source>Dossier de sortie</source>
        <translation>Output folder</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="89"/>
        <location filename="../processing/alg_exporter_standard.py" line="53"/>
        <source>Fichier CSV au standard</source>
        <translation>Standard CSV file</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="90"/>
        <source>Classeur ODS</source>
        <translation>ODS spreadsheet</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="91"/>
        <source>Fichier GeoJSON</source>
        <translation>GeoJSON file</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="92"/>
        <source>Structures data·inclusion (JSON)</source>
        <translation>data·inclusion structures (JSON)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="93"/>
        <source>Services data·inclusion (JSON)</source>
        <translation>data·inclusion services (JSON)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="94"/>
        <location filename="../processing/alg_exporter_standard.py" line="54"/>
        <source>Lieux exportés</source>
        <translation>Exported places</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="95"/>
        <location filename="../processing/alg_exporter_standard.py" line="55"/>
        <source>Lieux écartés (non conformes)</source>
        <translation>Rejected places (non-compliant)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="96"/>
        <location filename="../processing/alg_exporter_standard.py" line="56"/>
        <source>Lieux non publiés ignorés</source>
        <translation>Unpublished places skipped</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="97"/>
        <source>Erreurs de validation data·inclusion</source>
        <translation>data·inclusion validation errors</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="103"/>
        <source>Choisissez au moins un format d'export.</source>
        <translation>Choose at least one export format.</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="106"/>
        <location filename="../processing/alg_exporter_standard.py" line="66"/>
        <source>Indiquez un dossier de sortie.</source>
        <translation>Specify an output folder.</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="119"/>
        <location filename="../processing/alg_exporter_standard.py" line="81"/>
        <source>Non exporté — {message}</source>
        <translation>Not exported — {message}</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="127"/>
        <source>Lieu « {lieu} », champ « {champ} » : « {valeur} » commence comme une formule de tableur ; le CSV la garde telle quelle (ouvrez-le par l'import de données, pas par un double-clic).</source>
        <translation>Place “{lieu}”, field “{champ}”: “{valeur}” starts like a spreadsheet formula; the CSV keeps it as is (open the CSV with the data import feature, not with a double-click).</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="144"/>
        <source>Fichier écrit : {fichier}</source>
        <translation>File written: {fichier}</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="147"/>
        <source>Feuille « {feuille} » : {n} lieux.</source>
        <translation>Sheet “{feuille}”: {n} places.</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="150"/>
        <source>{n} lieux exportés ; {ecartes} écartés (non conformes), {non_publies} non publiés ignorés.</source>
        <translation>{n} places exported; {ecartes} rejected (non-compliant), {non_publies} unpublished skipped.</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="162"/>
        <source>data·inclusion — {message}</source>
        <translation>data·inclusion — {message}</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter.py" line="164"/>
        <source>Structures et services conformes au schéma data·inclusion v1.</source>
        <translation>Structures and services compliant with the data·inclusion v1 schema.</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="31"/>
        <source>Exporter au standard national (CSV)</source>
        <translation>Export to the national standard (CSV)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="32"/>
        <source>Écrit les lieux au format du standard national des lieux de médiation numérique v1.0.2 : les 32 colonnes dans l'ordre officiel, UTF-8, séparateur virgule, valeurs multiples séparées par « | », fichier nommé AAAA-MM-JJ_&lt;idProducteur&gt;_lieux-de-mediation-numerique_&lt;territoire&gt;.csv. Les valeurs sont normalisées (apostrophes, téléphone, dates). Un lieu encore non conforme après normalisation n'est pas écrit : il est signalé dans le journal avec la raison, rien n'est perdu en silence.</source>
        <translation>Writes the places in the format of the national standard for digital inclusion places v1.0.2: the 32 columns in the official order, UTF-8, comma delimiter, multiple values separated by “|”, file named YYYY-MM-DD_&lt;idProducteur&gt;_lieux-de-mediation-numerique_&lt;territoire&gt;.csv. Values are normalized (apostrophes, phone numbers, dates). A place that is still non-compliant after normalization is not written: it is reported in the log with the reason, so nothing is lost silently.</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="47"/>
        <source>Territoire (pour le nom du fichier)</source>
        <translation>Territory (for the file name)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="51"/>
        <source>Ajouter les colonnes de l'extension régionale (hdf_)</source>
        <translation>Add the regional extension columns (hdf_)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="88"/>
        <source>{n} lieux écrits dans {fichier} ; {ecartes} écartés (non conformes), {non_publies} non publiés ignorés.</source>
        <translation>{n} places written to {fichier}; {ecartes} rejected (non-compliant), {non_publies} unpublished skipped.</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="69"/>
        <source>Date de référence « {date} » illisible (AAAA-MM-JJ attendu).</source>
        <translation>Unreadable reference date « {date} » (YYYY-MM-DD expected).</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="98"/>
        <source>Fraîcheur des fiches</source>
        <translation>Freshness of the records</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="99"/>
        <source>Pour chaque lieu : l'âge de sa date de mise à jour (date_maj) en mois et sa classe — « à jour », « à vérifier » (mise à jour il y a plus de N mois, 12 par défaut) ou « sans date ». Un tableau résume, par département et par EPCI (avec la couche des communes : code_insee, code_departement, siren_epci, nom_epci), le nombre de lieux, de fiches à vérifier et leur part. La date de référence (aujourd'hui par défaut) permet de refaire un calcul passé.</source>
        <translation>For each place: the age of its update date (date_maj) in months and its class — « up to date », « to check » (updated more than N months ago, 12 by default) or « no date ». A table sums up, per département and per EPCI (with the municipalities layer: code_insee, code_departement, siren_epci, nom_epci), the number of places, of records to check and their share. The reference date (today by default) lets you redo a past computation.</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="105"/>
        <location filename="../processing/alg_importer.py" line="73"/>
        <location filename="../processing/alg_sous_les_radars.py" line="102"/>
        <location filename="../ui/find_dock.py" line="432"/>
        <source>Mise à jour</source>
        <translation>Last update</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="114"/>
        <source>À vérifier au-delà de (mois)</source>
        <translation>To check after (months)</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="116"/>
        <source>Date de référence (vide : aujourd'hui)</source>
        <translation>Reference date (empty: today)</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="119"/>
        <source>Communes (code_insee, code_departement, siren_epci, nom_epci) pour le résumé par EPCI</source>
        <translation>Municipalities (code_insee, code_departement, siren_epci, nom_epci) for the summary per EPCI</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="121"/>
        <source>Lieux et fraîcheur</source>
        <translation>Places and freshness</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="123"/>
        <source>Fraîcheur par territoire</source>
        <translation>Freshness per territory</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="134"/>
        <source>La couche des communes doit avoir les champs « code_insee » et « siren_epci ».</source>
        <translation>The municipalities layer must have the fields « code_insee » and « siren_epci ».</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="161"/>
        <source>La couche n'a pas de champ « date_maj » : tous les lieux sont « sans date ».</source>
        <translation>The layer has no « date_maj » field: every place is « no date ».</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="166"/>
        <source>Mois depuis la dernière mise à jour</source>
        <translation>Months since the last update</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="167"/>
        <source>à jour, à vérifier ou sans date</source>
        <translation>à jour, à vérifier or sans date</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="189"/>
        <source>Sans la couche des communes, le résumé ne donne que les départements.</source>
        <translation>Without the municipalities layer, the summary only gives the départements.</translation>
    </message>
    <message>
        <location filename="../processing/alg_fraicheur.py" line="201"/>
        <source>{n} lieu(x) au {date} : {a_verifier} à vérifier (plus de {mois} mois, {part} %), {sans_date} sans date.</source>
        <translation>{n} place(s) on {date}: {a_verifier} to check (more than {mois} months, {part} %), {sans_date} without a date.</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="61"/>
        <source>Importer un fichier partenaire (rapprochement)</source>
        <translation>Import a partner file (matching)</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="62"/>
        <source>Rapproche un fichier de lieux d'un partenaire de la base : standard national CSV (v1.0 ou ancien v0.1), export SIILAB / DREETS (CSV « ; »), export de la cartographie nationale, structures data·inclusion (JSON, avec le fichier des services placé à côté) ou GeoJSON. Chaque lieu du fichier est classé : nouveau, modifié (même identifiant, même identifiant externe, même SIRET dans la même commune, ou ressemblance très forte), inchangé, doublon probable (règle nationale de dédoublonnage) ou invalide (erreurs au standard, formule de tableur). Un champ vide du fichier n'efface jamais une valeur de la base. Le rapport (CSV et HTML) liste chaque lieu, le détail des champs modifiés et les lignes illisibles. Par défaut c'est un essai à blanc : rien n'est écrit. Sinon les classes choisies sont appliquées : par l'édition sûre (WFS-T) si la couche est celle des lieux chargés par l'extension, sinon dans la couche en édition, que vous enregistrez vous-même.</source>
        <translation>Matches a partner's places file with the base: national standard CSV (v1.0 or legacy v0.1), SIILAB / DREETS export (CSV “;”), national map export, data·inclusion structures (JSON, with the services file next to it) or GeoJSON. Each place of the file is classified: new, modified (same identifier, same external identifier, same SIRET in the same municipality, or very strong resemblance), unchanged, probable duplicate (national deduplication rule) or invalid (errors against the standard, spreadsheet formula). An empty field in the file never erases a value of the base. The report (CSV and HTML) lists each place, the details of the modified fields and the unreadable lines. By default it is a dry run: nothing is written. Otherwise the chosen classes are applied: through safe editing (WFS-T) if the layer is the places layer loaded by the plugin, otherwise into the layer in edit mode, which you save yourself.</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="83"/>
        <source>Fichier du partenaire</source>
        <translation>Partner's file</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="83"/>
        <source>Lieux (*.csv *.txt *.json *.geojson)</source>
        <translation>Places (*.csv *.txt *.json *.geojson)</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="84"/>
        <source>Couche des lieux de la base</source>
        <translation>Layer of the base's places</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="86"/>
        <source>Classes à appliquer</source>
        <translation>Classes to apply</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="89"/>
        <source>Essai à blanc (rapport seulement, rien n'est écrit)</source>
        <translation>Dry run (report only, nothing is written)</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="91"/>
        <source>Placer les lieux sans coordonnées par leur adresse (service de géocodage des options)</source>
        <translation>Locate places without coordinates by their address (geocoding service from the options)</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="92"/>
        <source>Rapport d'import (CSV)</source>
        <translation>Import report (CSV)</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="92"/>
        <location filename="../processing/alg_routage.py" line="274"/>
        <location filename="../ui/import_dialog.py" line="368"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="94"/>
        <source>Rapport d'import (HTML)</source>
        <translation>Import report (HTML)</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="94"/>
        <source>HTML (*.html)</source>
        <translation>HTML (*.html)</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="97"/>
        <source>Enregistrements illisibles</source>
        <translation>Unreadable records</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="98"/>
        <source>Changements appliqués</source>
        <translation>Changes applied</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="104"/>
        <source>Indiquez la couche des lieux de la base.</source>
        <translation>Specify the layer of the base's places.</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="136"/>
        <source>Envoi de {n} changement(s) par l'édition sûre (WFS-T)…</source>
        <translation>Sending {n} change(s) through safe editing (WFS-T)…</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="145"/>
        <source>{n} changement(s) mis dans la couche « {couche} », en cours d'édition : vérifiez-les puis enregistrez la couche.</source>
        <translation>{n} change(s) put into the layer “{couche}”, in edit mode: check them, then save the layer.</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="148"/>
        <source>Aucun lieu à appliquer dans les classes choisies.</source>
        <translation>No place to apply in the chosen classes.</translation>
    </message>
    <message>
        <location filename="../processing/alg_importer.py" line="152"/>
        <location filename="../ui/import_dialog.py" line="361"/>
        <source>Import de {fichier}</source>
        <translation>Import of {fichier}</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="47"/>
        <source>Voiture</source>
        <translation>Car</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="47"/>
        <source>À pied</source>
        <translation>On foot</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="47"/>
        <source>Vélo</source>
        <translation>Bicycle</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="68"/>
        <source>Seuil « {seuil} » illisible : des minutes sont attendues (ex. 5,10,15,30).</source>
        <translation>Unreadable threshold “{seuil}”: minutes are expected (e.g. 5,10,15,30).</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="70"/>
        <source>Seuil « {seuil} » hors limites (entre 1 et 600 minutes).</source>
        <translation>Threshold “{seuil}” out of range (between 1 and 600 minutes).</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="73"/>
        <source>Aucun seuil : indiquez des minutes, ex. 5,10,15,30.</source>
        <translation>No threshold: enter minutes, e.g. 5,10,15,30.</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="87"/>
        <source>Aucune adresse de serveur Valhalla dans les options de l'extension.</source>
        <translation>No Valhalla server address in the plugin options.</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="91"/>
        <source>Aucune adresse de serveur OSRM dans les options de l'extension.</source>
        <translation>No OSRM server address in the plugin options.</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="100"/>
        <location filename="../processing/alg_routage.py" line="270"/>
        <source>Temps d'accès</source>
        <translation>Travel time to places</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="107"/>
        <source>Réseau routier (.npz compilé ou .osm.pbf ; vide : réseau SYNTHÉTIQUE de démonstration)</source>
        <translation>Road network (compiled .npz or .osm.pbf; empty: SYNTHETIC demo network)</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="108"/>
        <source>Réseaux (*.npz *.pbf *.osm.pbf)</source>
        <translation>Networks (*.npz *.pbf *.osm.pbf)</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="110"/>
        <source>… ou couche de tronçons routiers (BD TOPO troncon_de_route, lignes OSM)</source>
        <translation>… or road segment layer (BD TOPO troncon_de_route, OSM lines)</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="124"/>
        <source>Réseau routier SYNTHÉTIQUE (démonstration) : les temps ne sont pas ceux des vraies routes.</source>
        <translation>SYNTHETIC road network (demo): the times are not those of the real roads.</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="125"/>
        <source>Réseau : {noeuds} nœuds, {troncons} tronçons ({source}).</source>
        <translation>Network: {noeuds} nodes, {troncons} segments ({source}).</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="132"/>
        <source>Isochrones des lieux</source>
        <translation>Place isochrones</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="133"/>
        <source>Pour chaque lieu (ou point), les zones atteignables en 5, 10, 15… minutes, à pied, à vélo ou en voiture, emboîtées. Par défaut : « vers le lieu », le temps qu'il faut pour s'y rendre. Le mode et les seuils peuvent venir des attributs (expressions). Moteur embarqué hors ligne par défaut ; IGN Géoplateforme, Valhalla ou openrouteservice selon les options de l'extension. Un lieu en échec est signalé sans arrêter les autres.</source>
        <translation>For each place (or point), the nested areas reachable in 5, 10, 15… minutes, on foot, by bicycle or by car. By default: “to the place”, the time it takes to get there. The mode and the thresholds can come from the attributes (expressions). Embedded offline engine by default; IGN Géoplateforme, Valhalla or openrouteservice depending on the plugin options. A place that fails is reported without stopping the others.</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="140"/>
        <source>Lieux (ou points de départ)</source>
        <translation>Places (or starting points)</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="141"/>
        <source>Mode (expression : 'voiture', 'pied' ou 'velo')</source>
        <translation>Mode (expression: 'voiture', 'pied' or 'velo')</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="143"/>
        <source>Seuils en minutes (expression, ex. '5,10,15,20,30')</source>
        <translation>Thresholds in minutes (expression, e.g. '5,10,15,20,30')</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="145"/>
        <source>Sens</source>
        <translation>Direction</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="146"/>
        <source>Vers le lieu (temps pour s'y rendre)</source>
        <translation>To the place (time to get there)</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="146"/>
        <source>Depuis le lieu</source>
        <translation>From the place</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="147"/>
        <source>Calcul</source>
        <translation>Computation</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="148"/>
        <source>Moteur embarqué (hors ligne)</source>
        <translation>Embedded engine (offline)</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="148"/>
        <source>IGN Géoplateforme</source>
        <translation>IGN Géoplateforme</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="148"/>
        <source>Valhalla</source>
        <translation>Valhalla</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="150"/>
        <source>Taille des mailles du contour (m)</source>
        <translation>Contour grid cell size (m)</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="154"/>
        <source>Isochrones</source>
        <translation>Isochrones</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="195"/>
        <source>objet {fid}</source>
        <translation>feature {fid}</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="202"/>
        <source>pas de position</source>
        <translation>no position</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="208"/>
        <source>trop loin du réseau routier (plus de 5 km)</source>
        <translation>too far from the road network (more than 5 km)</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="215"/>
        <source>« {lieu} » : isochrone impossible — {erreur}</source>
        <translation>“{lieu}”: cannot compute the isochrone — {erreur}</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="230"/>
        <source>{n} lieu(x) traité(s), {p} polygone(s), {e} en échec.</source>
        <translation>{n} place(s) processed, {p} polygon(s), {e} failed.</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="247"/>
        <source>Temps d'accès d'un territoire</source>
        <translation>Travel time to places across a territory</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="248"/>
        <source>Pour chaque commune (ou maille d'une grille de population) : le temps pour rejoindre le lieu le plus proche, ce lieu, la classe de temps ; les « zones blanches » au-delà du dernier seuil ; et un tableau de la population à moins de 5, 10, 15… minutes par département et par EPCI. Les lieux peuvent être filtrés par une expression (ex. services, APTIC, France Services). Un seul calcul de plus court chemin pour tous les lieux.</source>
        <translation>For each municipality (or cell of a population grid): the time to reach the nearest place, that place, the time class; the “blank areas” beyond the last threshold; and a table of the population within 5, 10, 15… minutes by department and by EPCI. Places can be filtered by an expression (e.g. services, APTIC, France Services). A single shortest-path computation for all places.</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="258"/>
        <source>Ne garder que les lieux où… (expression, ex. "services" LIKE '%Aide aux démarches administratives%')</source>
        <translation>Keep only the places where… (expression, e.g. "services" LIKE '%Aide aux démarches administratives%')</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="260"/>
        <source>Communes ou mailles de population</source>
        <translation>Municipalities or population grid cells</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="261"/>
        <source>Champ population</source>
        <translation>Population field</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="263"/>
        <source>Champ nom</source>
        <translation>Name field</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="264"/>
        <source>Champ département (résumé)</source>
        <translation>Department field (summary)</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="266"/>
        <source>Champ EPCI (résumé)</source>
        <translation>EPCI field (summary)</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="267"/>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="268"/>
        <source>Seuils en minutes</source>
        <translation>Thresholds in minutes</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="271"/>
        <source>Zones blanches</source>
        <translation>Blank areas</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="272"/>
        <source>Résumé par territoire</source>
        <translation>Summary by territory</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="274"/>
        <source>Résumé (CSV)</source>
        <translation>Summary (CSV)</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="283"/>
        <source>Indiquez les lieux et le territoire.</source>
        <translation>Specify the places and the territory.</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="304"/>
        <source>Lieu {lieu} sans position : ignoré.</source>
        <translation>Place {lieu} has no position: skipped.</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="310"/>
        <source>{n} lieu(x) retenu(s) par le filtre.</source>
        <translation>{n} place(s) kept by the filter.</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="312"/>
        <source>Aucun lieu ne correspond au filtre : rien à calculer.</source>
        <translation>No place matches the filter: nothing to compute.</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="338"/>
        <source>Lieu « {lieu} » trop loin du réseau routier : ignoré.</source>
        <translation>Place “{lieu}” too far from the road network: skipped.</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="388"/>
        <source>Population à moins de {m} min : {part} % ; au-delà : {au_dela} %.</source>
        <translation>Population within {m} min: {part}%; beyond: {au_dela}%.</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="451"/>
        <source>Compiler un réseau routier</source>
        <translation>Compile a road network</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="452"/>
        <source>Compile une fois un réseau routier (OpenStreetMap .osm.pbf, ou couche BD TOPO troncon_de_route) en un fichier .npz réutilisable par « Isochrones des lieux » et « Temps d'accès d'un territoire ».</source>
        <translation>Compiles a road network once (OpenStreetMap .osm.pbf, or a BD TOPO troncon_de_route layer) into a .npz file reusable by “Place isochrones” and “Travel time to places across a territory”.</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="457"/>
        <source>Réseau compilé</source>
        <translation>Compiled network</translation>
    </message>
    <message>
        <location filename="../processing/alg_routage.py" line="457"/>
        <source>Réseau (*.npz)</source>
        <translation>Network (*.npz)</translation>
    </message>
    <message>
        <location filename="../processing/alg_sous_les_radars.py" line="93"/>
        <location filename="../processing/alg_sous_les_radars.py" line="118"/>
        <source>Lieux sous les radars</source>
        <translation>Places under the radar</translation>
    </message>
    <message>
        <location filename="../processing/alg_sous_les_radars.py" line="94"/>
        <source>Compare une liste externe (export de la cartographie nationale, fichier d'un partenaire : CSV du standard, ancien format v0.1 ou GeoJSON) à la base, et donne les lieux qui n'y sont pas encore. Un lieu est considéré comme présent s'il a le même identifiant (ou figure dans les identifiants externes d'un lieu sous la forme source:identifiant), le même SIRET dans la même commune, ou si la règle nationale de dédoublonnage le rapproche d'un lieu de la base (score ≥ 70). Chaque lieu absent est donné avec le lieu le plus ressemblant de la base et son score. Les lieux écartés par un agent (action « Écarter » sur la couche résultat) ne sont plus signalés pour cette source.</source>
        <translation>Compares an external list (national map export, a partner's file: standard CSV, legacy v0.1 format or GeoJSON) with the base and gives the places it does not have yet. A place counts as present when it has the same identifier (or is listed among a place's external identifiers as source:identifier), the same SIRET in the same municipality, or when the national deduplication rule matches it with a place of the base (score ≥ 70). Each missing place comes with the most similar place of the base and its score. Places dismissed by an agent (« Dismiss » action on the result layer) are no longer reported for this source.</translation>
    </message>
    <message>
        <location filename="../processing/alg_sous_les_radars.py" line="109"/>
        <source>Lieux de la base</source>
        <translation>Places of the base</translation>
    </message>
    <message>
        <location filename="../processing/alg_sous_les_radars.py" line="110"/>
        <source>Liste externe (CSV du standard, GeoJSON)</source>
        <translation>External list (standard CSV, GeoJSON)</translation>
    </message>
    <message>
        <location filename="../processing/alg_sous_les_radars.py" line="112"/>
        <source>Identifiant de la source (vide : nom du fichier sans date)</source>
        <translation>Source identifier (empty: file name without its date)</translation>
    </message>
    <message>
        <location filename="../processing/alg_sous_les_radars.py" line="114"/>
        <source>Montrer aussi les lieux écartés</source>
        <translation>Also show dismissed places</translation>
    </message>
    <message>
        <location filename="../processing/alg_sous_les_radars.py" line="116"/>
        <source>Fichier des lieux écartés (vide : celui du profil QGIS)</source>
        <translation>File of dismissed places (empty: the QGIS profile's)</translation>
    </message>
    <message>
        <location filename="../processing/alg_sous_les_radars.py" line="117"/>
        <source>SQLite (*.sqlite)</source>
        <translation>SQLite (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../processing/alg_sous_les_radars.py" line="123"/>
        <source>Couche des lieux de la base introuvable.</source>
        <translation>Layer of the base's places not found.</translation>
    </message>
    <message>
        <location filename="../processing/alg_sous_les_radars.py" line="126"/>
        <source>Fichier externe introuvable : {fichier}</source>
        <translation>External file not found: {fichier}</translation>
    </message>
    <message>
        <location filename="../processing/alg_sous_les_radars.py" line="140"/>
        <source>Aucun lieu lu dans {fichier} : vérifiez son format (CSV du standard ou GeoJSON).</source>
        <translation>No place read in {fichier}: check its format (standard CSV or GeoJSON).</translation>
    </message>
    <message>
        <location filename="../processing/alg_sous_les_radars.py" line="144"/>
        <source>{n} lieu(x) externes (source « {source} »), {base} lieu(x) dans la base.</source>
        <translation>{n} external place(s) (source « {source} »), {base} place(s) in the base.</translation>
    </message>
    <message>
        <location filename="../processing/alg_sous_les_radars.py" line="167"/>
        <source>{n} lieu(x) absent(s) de la base ; {ecartes} écarté(s) par un agent{montres}.</source>
        <translation>{n} place(s) missing from the base; {ecartes} dismissed by an agent{montres}.</translation>
    </message>
    <message>
        <location filename="../processing/alg_sous_les_radars.py" line="168"/>
        <source> (montrés)</source>
        <translation> (shown)</translation>
    </message>
    <message>
        <location filename="../processing/alg_valider.py" line="37"/>
        <source>Valider des lieux</source>
        <translation>Validate places</translation>
    </message>
    <message>
        <location filename="../processing/alg_valider.py" line="38"/>
        <source>Contrôle chaque lieu au regard du standard national des lieux de médiation numérique (v1.0.2) et de l'extension régionale. Le rapport liste, pour chaque problème : la ligne, le lieu, le champ, la valeur, la gravité (erreur = non conforme au standard ; avertissement = conseil), la règle, un message en français et la correction proposée quand elle existe. Entrée : une couche de lieux, ou un fichier CSV (v1.0 ou v0.1, séparateur , ou ;) ou GeoJSON.</source>
        <translation>Checks each place against the national standard for digital inclusion places (v1.0.2) and the regional extension. For each problem, the report lists: the line, the place, the field, the value, the severity (error = not compliant with the standard; warning = advice), the rule, a plain-language message and the suggested fix when there is one. Input: a places layer, or a CSV file (v1.0 or v0.1, delimiter , or ;) or a GeoJSON file.</translation>
    </message>
    <message>
        <location filename="../processing/alg_valider.py" line="50"/>
        <source>Rapport de validation</source>
        <translation>Validation report</translation>
    </message>
    <message>
        <location filename="../processing/alg_valider.py" line="51"/>
        <source>Lieux conformes</source>
        <translation>Compliant places</translation>
    </message>
    <message>
        <location filename="../processing/alg_valider.py" line="52"/>
        <source>Erreurs</source>
        <translation>Errors</translation>
    </message>
    <message>
        <location filename="../processing/alg_valider.py" line="52"/>
        <source>Avertissements</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="30"/>
        <source>Base des lieux</source>
        <translation>Places database</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="65"/>
        <source>Indiquez une couche de lieux ou un fichier (CSV ou GeoJSON).</source>
        <translation>Specify a places layer or a file (CSV or GeoJSON).</translation>
    </message>
    <message>
        <location filename="../processing/base.py" line="67"/>
        <source>Fichier lu : format v{version}, encodage {encodage}, {lignes} lignes, {importees} importées.</source>
        <translation>File read: format v{version}, encoding {encodage}, {lignes} lines, {importees} imported.</translation>
    </message>
    <message>
        <location filename="../ui/catalogue_dialog.py" line="40"/>
        <source>Parcourir le catalogue</source>
        <translation>Browse the catalogue</translation>
    </message>
    <message>
        <location filename="../ui/catalogue_dialog.py" line="44"/>
        <source>Catalogue : {url}</source>
        <translation>Catalogue: {url}</translation>
    </message>
    <message>
        <location filename="../ui/catalogue_dialog.py" line="49"/>
        <source>Mots-clés, par exemple : médiation numérique</source>
        <translation>Keywords, for example: médiation numérique</translation>
    </message>
    <message>
        <location filename="../ui/catalogue_dialog.py" line="50"/>
        <source>Rechercher</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../ui/catalogue_dialog.py" line="57"/>
        <source>Fiche / couche WFS</source>
        <translation>Record / WFS layer</translation>
    </message>
    <message>
        <location filename="../ui/catalogue_dialog.py" line="57"/>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <location filename="../ui/catalogue_dialog.py" line="66"/>
        <source>Suivants</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../ui/catalogue_dialog.py" line="73"/>
        <source>Utiliser cette couche</source>
        <translation>Use this layer</translation>
    </message>
    <message>
        <location filename="../ui/catalogue_dialog.py" line="113"/>
        <source>Mots-clés : {mots}</source>
        <translation>Keywords: {mots}</translation>
    </message>
    <message>
        <location filename="../ui/catalogue_dialog.py" line="117"/>
        <source>(couche non précisée)</source>
        <translation>(layer not specified)</translation>
    </message>
    <message>
        <location filename="../ui/catalogue_dialog.py" line="124"/>
        <source>aucune couche WFS</source>
        <translation>no WFS layer</translation>
    </message>
    <message>
        <location filename="../ui/catalogue_dialog.py" line="129"/>
        <source>Fiches {debut} à {fin} sur {total}.</source>
        <translation>Records {debut} to {fin} of {total}.</translation>
    </message>
    <message>
        <location filename="../ui/catalogue_dialog.py" line="131"/>
        <source>Aucune fiche ne correspond à la recherche.</source>
        <translation>No record matches the search.</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="34"/>
        <source>Conflit de modification — {nom}</source>
        <translation>Edit conflict — {nom}</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="50"/>
        <location filename="../ui/history_dialog.py" line="81"/>
        <location filename="../ui/import_dialog.py" line="215"/>
        <source>Champ</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="50"/>
        <source>Version chargée</source>
        <translation>Loaded version</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="50"/>
        <location filename="../ui/conflict_dialog.py" line="73"/>
        <source>Ma version</source>
        <translation>My version</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="50"/>
        <location filename="../ui/conflict_dialog.py" line="74"/>
        <source>Version du serveur</source>
        <translation>Server version</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="50"/>
        <location filename="../ui/import_dialog.py" line="215"/>
        <source>Garder</source>
        <translation>Keep</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="56"/>
        <source>Suppression du lieu</source>
        <translation>Deletion of the place</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="56"/>
        <source>présent</source>
        <translation>present</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="56"/>
        <source>supprimé</source>
        <translation>deleted</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="56"/>
        <source>présent (modifié)</source>
        <translation>present (modified)</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="61"/>
        <location filename="../ui/conflict_dialog.py" line="65"/>
        <source>(lieu supprimé)</source>
        <translation>(place deleted)</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="81"/>
        <source>Garder toute ma version</source>
        <translation>Keep all of my version</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="82"/>
        <source>Prendre la version du serveur</source>
        <translation>Take the server version</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="83"/>
        <source>Appliquer ces choix</source>
        <translation>Apply these choices</translation>
    </message>
    <message>
        <location filename="../ui/fiche_dialog.py" line="20"/>
        <source>Fiche — {nom}</source>
        <translation>Sheet — {nom}</translation>
    </message>
    <message>
        <location filename="../ui/fiche_dialog.py" line="28"/>
        <source>Imprimer…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../ui/fiche_dialog.py" line="29"/>
        <source>Enregistrer en HTML…</source>
        <translation>Save as HTML…</translation>
    </message>
    <message>
        <location filename="../ui/fiche_dialog.py" line="46"/>
        <source>Enregistrer la fiche</source>
        <translation>Save the sheet</translation>
    </message>
    <message>
        <location filename="../ui/fiche_dialog.py" line="47"/>
        <source>Page HTML (*.html)</source>
        <translation>HTML page (*.html)</translation>
    </message>
    <message>
        <location filename="../ui/fiche_dialog.py" line="65"/>
        <source>Fiche du lieu</source>
        <translation>Place sheet</translation>
    </message>
    <message>
        <location filename="../ui/fiche_dialog.py" line="71"/>
        <source>Localiser par l'adresse…</source>
        <translation>Locate by address…</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="114"/>
        <location filename="../ui/find_dock.py" line="116"/>
        <source>{groupe} : {n}</source>
        <translation>{groupe}: {n}</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="124"/>
        <source>Lecture des lieux pour la recherche</source>
        <translation>Reading places for the search</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="144"/>
        <source>Recherche de lieux</source>
        <translation>Searching for places</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="258"/>
        <source>Couche de lieux dans laquelle chercher</source>
        <translation>Places layer to search in</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="262"/>
        <source>Nom, commune, adresse, service…</source>
        <translation>Name, municipality, address, service…</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="295"/>
        <source>Clic : centrer la carte sur le lieu ; double-clic : ouvrir sa fiche</source>
        <translation>Click: centre the map on the place; double-click: open its sheet</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="299"/>
        <source>Appliquer à la carte</source>
        <translation>Apply to the map</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="300"/>
        <source>N'afficher sur la carte que les lieux trouvés</source>
        <translation>Show only the places found on the map</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="302"/>
        <source>Réinitialiser</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="360"/>
        <source>Publics et accompagnement</source>
        <translation>Audiences and assistance</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="365"/>
        <source>Publics</source>
        <translation>Audiences</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="366"/>
        <source>Prise en charge</source>
        <translation>Support</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="367"/>
        <source>Frais</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="374"/>
        <source>Qualifié APTIC</source>
        <translation>APTIC qualified</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="374"/>
        <source>Accepte le pass numérique</source>
        <translation>Accepts the digital pass</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="389"/>
        <source>Tous les départements</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="406"/>
        <source>Ouverture</source>
        <translation>Opening</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="407"/>
        <source>Ouvert maintenant</source>
        <translation>Open now</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="408"/>
        <source>Ouvert le week-end</source>
        <translation>Open at weekends</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="420"/>
        <source>Suivi</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="424"/>
        <source>il y a plus de </source>
        <translation>more than </translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="425"/>
        <source> mois</source>
        <translation> months</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="426"/>
        <source>indifférente</source>
        <translation>any</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="427"/>
        <source>Lieux à vérifier : mis à jour il y a plus de ce nombre de mois (ou jamais)</source>
        <translation>Places to check: updated more than this number of months ago (or never)</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="433"/>
        <source>Statut</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="441"/>
        <source>Tous les EPCI</source>
        <translation>All EPCIs</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="452"/>
        <source>Toutes les communes</source>
        <translation>All municipalities</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="633"/>
        <source>Lecture des lieux…</source>
        <translation>Reading places…</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="657"/>
        <source>Recherche en cours…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../ui/find_dock.py" line="699"/>
        <source>La symbologie de cette couche ne permet pas de filtrer la carte.</source>
        <translation>The symbology of this layer does not allow the map to be filtered.</translation>
    </message>
    <message>
        <location filename="../ui/form_widgets.py" line="44"/>
        <source>Filtrer la liste…</source>
        <translation>Filter the list…</translation>
    </message>
    <message>
        <location filename="../ui/form_widgets.py" line="80"/>
        <source>Valeur hors de la liste du standard, conservée telle quelle : {valeur}</source>
        <translation>Value not in the standard’s list, kept as is: {valeur}</translation>
    </message>
    <message>
        <location filename="../ui/form_widgets.py" line="190"/>
        <source>Réglé automatiquement par l'extension à partir du standard.</source>
        <translation>Set automatically by the plugin from the standard.</translation>
    </message>
    <message>
        <location filename="../ui/form_widgets.py" line="218"/>
        <source>Liste à cocher (standard des lieux)</source>
        <translation>Checklist (places standard)</translation>
    </message>
    <message>
        <location filename="../ui/form_widgets.py" line="219"/>
        <source>Horaires d'ouverture (grille)</source>
        <translation>Opening hours (grid)</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="55"/>
        <source>Confirmer sans changement aujourd'hui</source>
        <translation>Confirm unchanged today</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="55"/>
        <source>Passer à : À valider</source>
        <translation>Move to: To validate</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="56"/>
        <source>Passer à : Publié</source>
        <translation>Move to: Published</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="56"/>
        <source>Passer à : Fermé</source>
        <translation>Move to: Closed</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="56"/>
        <source>Renvoyer en brouillon</source>
        <translation>Send back to draft</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="114"/>
        <source>{n} lieu(x) confirmé(s) à jour au {date}.</source>
        <translation>{n} place(s) confirmed up to date on {date}.</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="117"/>
        <source>{n} lieu(x) passé(s) à « {statut} ».</source>
        <translation>{n} place(s) moved to « {statut} ».</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="119"/>
        <source>Enregistrez la couche pour envoyer les modifications.</source>
        <translation>Save the layer to send the changes.</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="121"/>
        <source>{n} lieu(x) déjà dans ce statut.</source>
        <translation>{n} place(s) already in this status.</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="125"/>
        <source>… et {n} autre(s) refus.</source>
        <translation>… and {n} other refusal(s).</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="126"/>
        <source>Refusé : {raisons}</source>
        <translation>Refused: {raisons}</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="128"/>
        <source>Aucun lieu sélectionné.</source>
        <translation>No place selected.</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="174"/>
        <source>À vérifier (mise à jour avant le {date})</source>
        <translation>To check (updated before {date})</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="225"/>
        <source>Écarter ce lieu (ne plus le signaler)…</source>
        <translation>Dismiss this place (stop reporting it)…</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="225"/>
        <source>Ne plus écarter ce lieu</source>
        <translation>Stop dismissing this place</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="268"/>
        <source>{n} lieu(x) de nouveau signalé(s) aux prochains calculs.</source>
        <translation>{n} place(s) reported again in the next runs.</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="270"/>
        <source>Écarter</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="270"/>
        <source>Pourquoi écarter {n} lieu(x) ? (ex. pas un lieu de médiation, fermé)</source>
        <translation>Why dismiss {n} place(s)? (e.g. not a digital inclusion place, closed)</translation>
    </message>
    <message>
        <location filename="../ui/freshness_actions.py" line="275"/>
        <source>{n} lieu(x) écarté(s) : ils ne seront plus signalés pour cette source.</source>
        <translation>{n} place(s) dismissed: they will no longer be reported for this source.</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="42"/>
        <source>Création</source>
        <translation>Creation</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="42"/>
        <source>Modification</source>
        <translation>Modification</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="42"/>
        <source>Suppression</source>
        <translation>Deletion</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="43"/>
        <source>Fermeture</source>
        <translation>Closure</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="43"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="43"/>
        <source>Restauration</source>
        <translation>Restoration</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="60"/>
        <source>fiche complète ({n} champs)</source>
        <translation>complete sheet ({n} fields)</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="74"/>
        <source>Historique — {nom}</source>
        <translation>History — {nom}</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="81"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="81"/>
        <source>Auteur</source>
        <translation>Author</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="81"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="81"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="82"/>
        <source>Ancienne valeur</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="82"/>
        <source>Nouvelle valeur</source>
        <translation>New value</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="89"/>
        <location filename="../ui/history_dialog.py" line="199"/>
        <source>Restaurer cette version</source>
        <translation>Restore this version</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="90"/>
        <source>Remet le lieu dans l'état où il était après la modification choisie (une nouvelle modification, enregistrée dans l'historique).</source>
        <translation>Puts the place back in the state it was in after the chosen modification (as a new modification, recorded in the history).</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="94"/>
        <source>Revenir à l'état d'avant</source>
        <translation>Go back to the previous state</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="95"/>
        <source>Remet le lieu dans l'état où il était juste avant la modification choisie.</source>
        <translation>Puts the place back in the state it was in just before the chosen modification.</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="116"/>
        <source>L'historique n'est pas activé pour ces lieux.</source>
        <translation>History is not enabled for these places.</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="120"/>
        <source>Ce serveur ne publie pas d'historique des lieux (couche « {couche} »).</source>
        <translation>This server does not publish a history of the places (layer “{couche}”).</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="124"/>
        <source>Historique illisible : {erreur}</source>
        <translation>Unreadable history: {erreur}</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="140"/>
        <source>{n} modification(s) enregistrée(s) pour ce lieu. Choisissez une ligne pour restaurer le lieu tel qu'il était après elle.</source>
        <translation>{n} modification(s) recorded for this place. Choose a row to restore the place as it was after it.</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="142"/>
        <source>Aucune modification enregistrée pour ce lieu.</source>
        <translation>No modification recorded for this place.</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="189"/>
        <source>Ce lieu a des modifications non enregistrées : enregistrez-les ou annulez-les avant de restaurer une version.</source>
        <translation>This place has unsaved changes: save or undo them before restoring a version.</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="197"/>
        <source>Restaurer la version {version} de ce lieu ? Ces valeurs seront modifiées sur le serveur :</source>
        <translation>Restore version {version} of this place? These values will be changed on the server:</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="245"/>
        <source>L'historique n'existe que pour les lieux chargés depuis le serveur.</source>
        <translation>History only exists for places loaded from the server.</translation>
    </message>
    <message>
        <location filename="../ui/history_dialog.py" line="264"/>
        <source>Historique du lieu</source>
        <translation>Place history</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="58"/>
        <source>Analyse du fichier partenaire</source>
        <translation>Analysing the partner file</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="96"/>
        <source>Ligne</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="96"/>
        <source>Nom</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="127"/>
        <source>{n} champ(s) : {champs}</source>
        <translation>{n} field(s): {champs}</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="129"/>
        <source>base plus récente que le fichier</source>
        <translation>base more recent than the file</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="166"/>
        <source>Importer un fichier partenaire — {fichier}</source>
        <translation>Import a partner file — {fichier}</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="174"/>
        <source>Analyse du fichier…</source>
        <translation>Analysing the file…</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="189"/>
        <source>Tout accepter : {classe}</source>
        <translation>Accept all: {classe}</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="190"/>
        <source>Tout refuser</source>
        <translation>Refuse all</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="215"/>
        <location filename="../ui/import_dialog.py" line="340"/>
        <source>Valeur de la base</source>
        <translation>Value in the base</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="215"/>
        <location filename="../ui/import_dialog.py" line="339"/>
        <source>Valeur du fichier</source>
        <translation>Value in the file</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="231"/>
        <source>Rapport seulement (essai à blanc)</source>
        <translation>Report only (dry run)</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="232"/>
        <source>Appliquer</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="233"/>
        <source>Fermer</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="258"/>
        <source>Le fichier n'a pas pu être analysé : {erreur}</source>
        <translation>The file could not be analysed: {erreur}</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="258"/>
        <location filename="../ui/lieux_controller.py" line="93"/>
        <source>erreur inconnue</source>
        <translation>unknown error</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="265"/>
        <source>{n} enregistrement(s) illisible(s), détaillés dans le rapport.</source>
        <translation>{n} unreadable record(s), detailed in the report.</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="280"/>
        <source>{classe} : {n}</source>
        <translation>{classe}: {n}</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="282"/>
        <source>({n} accepté(s))</source>
        <translation>({n} accepted)</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="317"/>
        <source>{classe} — {ou} — « {nom} »</source>
        <translation>{classe} — {ou} — “{nom}”</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="319"/>
        <source>rapproché de « {nom} » : {regle}</source>
        <translation>matched with “{nom}”: {regle}</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="323"/>
        <source>La fiche de la base a été mise à jour après la date du fichier : vérifiez les champs en conflit.</source>
        <translation>The base's sheet was updated after the file's date: check the conflicting fields.</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="367"/>
        <source>Enregistrer le rapport</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="379"/>
        <source>Aucun lieu accepté : rien à appliquer.</source>
        <translation>No place accepted: nothing to apply.</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="410"/>
        <source>sur le serveur (édition sûre)</source>
        <translation>on the server (safe editing)</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="410"/>
        <source>dans la couche en édition (à enregistrer ensuite)</source>
        <translation>in the layer in edit mode (to be saved afterwards)</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="411"/>
        <source>Appliquer {n} changement(s) {cible} ?</source>
        <translation>Apply {n} change(s) {cible}?</translation>
    </message>
    <message>
        <location filename="../ui/lieu_watcher.py" line="56"/>
        <source>Lieu déplacé : adresse la plus proche « {adresse} ».</source>
        <translation>Place moved: nearest address “{adresse}”.</translation>
    </message>
    <message>
        <location filename="../ui/lieu_watcher.py" line="59"/>
        <source>Mettre à jour l'adresse</source>
        <translation>Update the address</translation>
    </message>
    <message>
        <location filename="../ui/lieu_watcher.py" line="80"/>
        <source>Adresse mise à jour : {adresse}.</source>
        <translation>Address updated: {adresse}.</translation>
    </message>
    <message>
        <location filename="../ui/lieu_watcher.py" line="95"/>
        <source>« {nom} » ressemble à un lieu déjà dans la base : {lieux} Vérifiez avant d'enregistrer.</source>
        <translation>“{nom}” looks like a place already in the base: {lieux} Check before saving.</translation>
    </message>
    <message>
        <location filename="../ui/lieu_watcher.py" line="96"/>
        <source>Nouveau lieu</source>
        <translation>New place</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="27"/>
        <source>Modifications non enregistrées</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="28"/>
        <source>{n} modification(s) de lieux n'ont pas été confirmées par le serveur lors de la dernière session :</source>
        <translation>{n} change(s) to places were not confirmed by the server during the last session:</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="30"/>
        <source>Restaurer : les modifications déjà enregistrées sont vérifiées et envoyées sans doublon, les autres reviennent dans la couche en édition.</source>
        <translation>Restore: changes that were already saved are checked and sent without duplicates; the others go back into the layer in edit mode.</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="32"/>
        <source>Restaurer</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="33"/>
        <source>Abandonner</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="34"/>
        <source>Plus tard</source>
        <translation>Later</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="75"/>
        <source>Paramètres de connexion à corriger : {problemes}</source>
        <translation>Connection settings to fix: {problemes}</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="86"/>
        <source>Chargement des lieux depuis {url}…</source>
        <translation>Loading places from {url}…</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="93"/>
        <source>Les lieux n'ont pas été chargés : {erreur}</source>
        <translation>The places were not loaded: {erreur}</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="119"/>
        <source>modifiables</source>
        <translation>editable</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="119"/>
        <source>en lecture seule</source>
        <translation>read-only</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="120"/>
        <source>{n} lieux chargés (WFS {version}), {mode}.</source>
        <translation>{n} places loaded (WFS {version}), {mode}.</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="141"/>
        <source>Droits non lus : {erreur}</source>
        <translation>Rights not read: {erreur}</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="146"/>
        <source>Vous êtes : {droits}.</source>
        <translation>You are: {droits}.</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="175"/>
        <source>La couche « {couche} » vient de {source} ; réglez la connexion sur ce service puis rechargez-la.</source>
        <translation>The layer “{couche}” comes from {source}; set the connection to this service, then reload it.</translation>
    </message>
    <message>
        <location filename="../ui/lieux_controller.py" line="206"/>
        <source>« {nom} » : votre choix est dans la couche ; enregistrez pour l'envoyer.</source>
        <translation>“{nom}”: your choice is in the layer; save to send it.</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="14"/>
        <source>Base de démonstration chargée : {n} lieux fictifs.</source>
        <translation>Demo database loaded: {n} fictitious places.</translation>
    </message>
    <message>
        <location filename="../ui/new_lieu_dialog.py" line="44"/>
        <source>Nouveau lieu de médiation numérique</source>
        <translation>New digital inclusion place</translation>
    </message>
    <message>
        <location filename="../ui/new_lieu_dialog.py" line="47"/>
        <source>Adresse du lieu (base adresse nationale) :</source>
        <translation>Address of the place (national address database):</translation>
    </message>
    <message>
        <location filename="../ui/new_lieu_dialog.py" line="49"/>
        <source>ex. 12 rue de la République, Amiens</source>
        <translation>e.g. 12 rue de la République, Amiens</translation>
    </message>
    <message>
        <location filename="../ui/new_lieu_dialog.py" line="61"/>
        <source>Créer le lieu à cette adresse</source>
        <translation>Create the place at this address</translation>
    </message>
    <message>
        <location filename="../ui/new_lieu_dialog.py" line="89"/>
        <source>Aucune adresse trouvée pour « {texte} ».</source>
        <translation>No address found for “{texte}”.</translation>
    </message>
    <message>
        <location filename="../ui/new_lieu_dialog.py" line="91"/>
        <source>{n} adresse(s) trouvée(s) : choisissez la bonne.</source>
        <translation>{n} address(es) found: choose the right one.</translation>
    </message>
    <message>
        <location filename="../ui/new_lieu_dialog.py" line="109"/>
        <source>Attention, des lieux existent déjà à cette adresse ou tout près :</source>
        <translation>Warning: places already exist at or very near this address:</translation>
    </message>
    <message>
        <location filename="../ui/new_lieu_dialog.py" line="145"/>
        <source>Localiser « {nom} » par son adresse</source>
        <translation>Locate “{nom}” by its address</translation>
    </message>
    <message>
        <location filename="../ui/new_lieu_dialog.py" line="146"/>
        <source>Placer le lieu à cette adresse</source>
        <translation>Place it at this address</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="44"/>
        <source>Lundi</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="44"/>
        <source>Mardi</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="44"/>
        <source>Mercredi</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="44"/>
        <source>Jeudi</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="44"/>
        <source>Vendredi</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="44"/>
        <source>Samedi</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="44"/>
        <source>Dimanche</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="65"/>
        <source>Utiliser cette plage</source>
        <translation>Use this time slot</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="66"/>
        <source>{plage} : utilisée</source>
        <translation>{plage}: used</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="72"/>
        <source>{plage} : début</source>
        <translation>{plage}: start</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="72"/>
        <source>{plage} : fin</source>
        <translation>{plage}: end</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="76"/>
        <source>00:00 : jusqu'à minuit ; une fin avant le début passe minuit.</source>
        <translation>00:00: until midnight; an end before the start goes past midnight.</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="120"/>
        <location filename="../ui/opening_hours_widget.py" line="201"/>
        <source>fermé</source>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="121"/>
        <source>{jour} : fermé</source>
        <translation>{jour}: closed</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="122"/>
        <source>{jour}, plage {numero}</source>
        <translation>{jour}, time slot {numero}</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="164"/>
        <source>Valeur OSM :</source>
        <translation>OSM value:</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="164"/>
        <source>Lecture :</source>
        <translation>In words:</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="185"/>
        <source>Plage 1</source>
        <translation>Time slot 1</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="185"/>
        <source>Plage 2</source>
        <translation>Time slot 2</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="185"/>
        <source>Plage 3</source>
        <translation>Time slot 3</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="199"/>
        <source>Jours fériés</source>
        <translation>Public holidays</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="201"/>
        <source>ouvert comme les autres jours</source>
        <translation>open like the other days</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="201"/>
        <source>non précisé</source>
        <translation>not specified</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="202"/>
        <source>horaires particuliers</source>
        <translation>special hours</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="205"/>
        <source>« ouvert comme les autres jours » : pas de règle PH ; « non précisé » : PH unknown.</source>
        <translation>“open like the other days”: no PH rule; “not specified”: PH unknown.</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="208"/>
        <source>Jours fériés, plage {numero}</source>
        <translation>Public holidays, time slot {numero}</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="215"/>
        <source>Sur rendez-vous</source>
        <translation>By appointment</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="216"/>
        <source>Accueil sur rendez-vous aux horaires indiqués (commentaire OSM « sur rendez-vous »).</source>
        <translation>Visits by appointment during the hours shown (OSM comment “sur rendez-vous”).</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="221"/>
        <source>Copier lundi sur la semaine</source>
        <translation>Copy Monday to the week</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="222"/>
        <source>Recopie les horaires du lundi du mardi au vendredi.</source>
        <translation>Copies Monday's hours to Tuesday through Friday.</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="224"/>
        <source>Saisie libre…</source>
        <translation>Free entry…</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="225"/>
        <source>Saisir la valeur OSM directement (mois, vacances scolaires…).</source>
        <translation>Enter the OSM value directly (months, school holidays…).</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="244"/>
        <source>Horaires (valeur OSM)</source>
        <translation>Opening hours (OSM value)</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="247"/>
        <source>Utiliser la grille</source>
        <translation>Use the grid</translation>
    </message>
    <message>
        <location filename="../ui/opening_hours_widget.py" line="372"/>
        <source>Ces horaires tiennent dans la grille : « Utiliser la grille » pour les modifier.</source>
        <translation>These opening hours fit in the grid: “Use the grid” to edit them.</translation>
    </message>
    <message>
        <location filename="../ui/rights_dialog.py" line="40"/>
        <source>Aucun changement.</source>
        <translation>No change.</translation>
    </message>
    <message>
        <location filename="../ui/rights_dialog.py" line="43"/>
        <source>Le serveur a refusé la modification des droits : {motif}</source>
        <translation>The server refused the change of rights: {motif}</translation>
    </message>
    <message>
        <location filename="../ui/rights_dialog.py" line="44"/>
        <source>{n} agent(s) modifié(s), {m} ajouté(s).</source>
        <translation>{n} agent(s) modified, {m} added.</translation>
    </message>
    <message>
        <location filename="../ui/rights_dialog.py" line="51"/>
        <source>Droits des agents</source>
        <translation>Agent rights</translation>
    </message>
    <message>
        <location filename="../ui/rights_dialog.py" line="54"/>
        <source>Territoires : dep:80, epci:248000531, com:80021 (séparés par |). Les mots de passe restent dans l'annuaire de la plateforme.</source>
        <translation>Territories: dep:80, epci:248000531, com:80021 (separated by |). Passwords stay in the platform's user directory.</translation>
    </message>
    <message>
        <location filename="../ui/rights_dialog.py" line="57"/>
        <source>Identifiant</source>
        <translation>Login</translation>
    </message>
    <message>
        <location filename="../ui/rights_dialog.py" line="57"/>
        <source>Rôle</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../ui/rights_dialog.py" line="57"/>
        <source>Territoires</source>
        <translation>Territories</translation>
    </message>
    <message>
        <location filename="../ui/rights_dialog.py" line="57"/>
        <source>Libellé</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../ui/rights_dialog.py" line="63"/>
        <source>Ajouter un agent</source>
        <translation>Add an agent</translation>
    </message>
    <message>
        <location filename="../ui/rights_dialog.py" line="64"/>
        <source>Enregistrer sur le serveur</source>
        <translation>Save to the server</translation>
    </message>
    <message>
        <location filename="../ui/rights_dialog.py" line="111"/>
        <source>Territoire manquant ou illisible pour : {agents}.</source>
        <translation>Missing or unreadable territory for: {agents}.</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="103"/>
        <source>Connexion à la base régionale des lieux de médiation numérique (service WFS). Les identifiants restent dans le gestionnaire d'authentification de QGIS : seul l'identifiant de la configuration est enregistré ici.</source>
        <translation>Connection to the regional database of digital inclusion places (WFS service). Credentials stay in the QGIS authentication manager: only the configuration ID is stored here.</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="109"/>
        <source>Service WFS</source>
        <translation>WFS service</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="112"/>
        <source>Géo2France</source>
        <translation>Géo2France</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="112"/>
        <source>Serveur de démonstration local</source>
        <translation>Local demo server</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="112"/>
        <source>Personnalisé</source>
        <translation>Custom</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="114"/>
        <source>Configuration</source>
        <translation>Configuration</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="119"/>
        <source>aucun (noms de couches sans préfixe)</source>
        <translation>none (layer names without a prefix)</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="120"/>
        <source>Espace de travail</source>
        <translation>Workspace</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="122"/>
        <source>Automatique (2.0.0, sinon 1.1.0)</source>
        <translation>Automatic (2.0.0, otherwise 1.1.0)</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="124"/>
        <source>Version WFS</source>
        <translation>WFS version</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="126"/>
        <source>Authentification</source>
        <translation>Authentication</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="129"/>
        <source>Couches</source>
        <translation>Layers</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="142"/>
        <source> objets par requête</source>
        <translation> features per request</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="143"/>
        <source>Taille de page</source>
        <translation>Page size</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="146"/>
        <source>Catalogue</source>
        <translation>Catalogue</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="153"/>
        <source>Service de géocodage (adresses)</source>
        <translation>Geocoding service (addresses)</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="156"/>
        <source>Temps d'accès (calculs en ligne, facultatif)</source>
        <translation>Travel time to places (online calculations, optional)</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="160"/>
        <source>IGN Géoplateforme (navigation)</source>
        <translation>IGN Géoplateforme (navigation)</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="170"/>
        <source>Clé openrouteservice (authentification QGIS)</source>
        <translation>openrouteservice key (QGIS authentication)</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="173"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="176"/>
        <source>Nom de l'agent</source>
        <translation>Agent name</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="180"/>
        <source>Tester la connexion</source>
        <translation>Test the connection</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="181"/>
        <source>Parcourir le catalogue…</source>
        <translation>Browse the catalogue…</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="284"/>
        <source>Facultatif ; par défaut : {nom}</source>
        <translation>Optional; default: {nom}</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="286"/>
        <source>Facultatif ; nom inscrit comme dernier éditeur des lieux modifiés</source>
        <translation>Optional; name recorded as the last editor of modified places</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="316"/>
        <source>Connexion réussie : WFS {version}, « {titre} ».</source>
        <translation>Connection successful: WFS {version}, “{titre}”.</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="318"/>
        <source>{n} couche(s) publiée(s).</source>
        <translation>{n} layer(s) published.</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="323"/>
        <source>Couche des lieux « {couche} » introuvable sur ce service.</source>
        <translation>Places layer “{couche}” not found on this service.</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="325"/>
        <source>Couche des lieux « {couche} » trouvée : modifiable (WFS-T).</source>
        <translation>Places layer “{couche}” found: editable (WFS-T).</translation>
    </message>
    <message>
        <location filename="../ui/settings_page.py" line="327"/>
        <source>Couche des lieux « {couche} » trouvée : en lecture seule.</source>
        <translation>Places layer “{couche}” found: read-only.</translation>
    </message>
</context>
</TS>
