<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="fr">
<context>
    <name>mednum</name>
    <message>
        <location filename="../core/demo.py" line="14"/>
        <source>Lieux de médiation numérique (démo)</source>
        <translation>Digital inclusion places (demo)</translation>
    </message>
    <message>
        <location filename="../core/demo.py" line="14"/>
        <source>Communes</source>
        <translation>Municipalities</translation>
    </message>
    <message>
        <location filename="../core/demo.py" line="15"/>
        <source>EPCI</source>
        <translation>EPCI (inter-municipal bodies)</translation>
    </message>
    <message>
        <location filename="../core/demo.py" line="15"/>
        <source>Départements</source>
        <translation>Departments</translation>
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
        <location filename="../core/io_standard.py" line="135"/>
        <source>Le fichier n'est pas en UTF-8 : lu comme Windows-1252 (Latin-1). Vérifiez les accents.</source>
        <translation>The file is not UTF-8: read as Windows-1252 (Latin-1). Check the accented characters.</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="143"/>
        <source>Le fichier est vide : aucun en-tête ni aucune ligne.</source>
        <translation>The file is empty: no header and no rows.</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="146"/>
        <source>En-tête illisible : {erreur}.</source>
        <translation>Unreadable header: {erreur}.</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="164"/>
        <source>Ligne {ligne} : enregistrement illisible ({erreur}) ; ligne non importée.</source>
        <translation>Line {ligne}: unreadable record ({erreur}); line not imported.</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="172"/>
        <source>Ligne {ligne} : ligne vide ; rien à importer.</source>
        <translation>Line {ligne}: empty line; nothing to import.</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="177"/>
        <source>Ligne {ligne} : {n} valeurs pour {attendu} colonnes ; ligne non importée (vérifiez les guillemets et le séparateur).</source>
        <translation>Line {ligne}: {n} values for {attendu} columns; line not imported (check the quotes and the delimiter).</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="185"/>
        <source>Ligne {ligne} : {note}</source>
        <translation>Line {ligne}: {note}</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="214"/>
        <source>GeoJSON illisible : {erreur}.</source>
        <translation>Unreadable GeoJSON: {erreur}.</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="218"/>
        <source>Ce fichier n'est pas une FeatureCollection GeoJSON.</source>
        <translation>This file is not a GeoJSON FeatureCollection.</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="226"/>
        <source>Objet {numero} : pas de propriétés ; objet non importé.</source>
        <translation>Feature {numero}: no properties; feature not imported.</translation>
    </message>
    <message>
        <location filename="../core/io_standard.py" line="236"/>
        <source>Objet {numero} : géométrie « {type} » ignorée (un point est attendu).</source>
        <translation>Feature {numero}: “{type}” geometry ignored (a point is expected).</translation>
    </message>
    <message>
        <location filename="../core/layer.py" line="153"/>
        <source>{n} lieu(x) n'ont pas pu être chargés dans la couche (valeur incompatible avec le type d'un champ) : {erreurs}</source>
        <translation>{n} place(s) could not be loaded into the layer (value incompatible with a field type): {erreurs}</translation>
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
        <location filename="../plugin.py" line="52"/>
        <source>Médiation &amp;numérique</source>
        <translation>&amp;Digital Inclusion</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="70"/>
        <location filename="../processing/provider.py" line="24"/>
        <location filename="../ui/messages.py" line="13"/>
        <source>Médiation numérique</source>
        <translation>Digital Inclusion</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="72"/>
        <source>Charger la base de démonstration</source>
        <translation>Load the demo database</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="73"/>
        <source>Valider des lieux…</source>
        <translation>Validate places…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="74"/>
        <source>Exporter au standard national…</source>
        <translation>Export to the national standard…</translation>
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
        <location filename="../processing/alg_exporter_standard.py" line="40"/>
        <location filename="../processing/alg_valider.py" line="46"/>
        <source>Couche de lieux</source>
        <translation>Places layer</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="42"/>
        <location filename="../processing/alg_valider.py" line="48"/>
        <source>ou fichier de lieux (CSV, GeoJSON)</source>
        <translation>or places file (CSV, GeoJSON)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="43"/>
        <location filename="../processing/alg_valider.py" line="49"/>
        <source>Lieux (*.csv *.geojson *.json)</source>
        <translation>Places (*.csv *.geojson *.json)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="45"/>
        <source>Identifiant du producteur (SIRET ou RNA)</source>
        <translation>Producer identifier (SIRET or RNA)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="47"/>
        <source>Territoire (pour le nom du fichier)</source>
        <translation>Territory (for the file name)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="49"/>
        <source>Seulement les lieux publiés (statut régional « Publié »)</source>
        <translation>Only published places (regional status “Publié”)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="51"/>
        <source>Ajouter les colonnes de l'extension régionale (hdf_)</source>
        <translation>Add the regional extension columns (hdf_)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="52"/>
        <source>Dossier de sortie</source>
        <translation>Output folder</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="53"/>
        <source>Fichier CSV au standard</source>
        <translation>Standard CSV file</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="54"/>
        <source>Lieux exportés</source>
        <translation>Exported places</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="55"/>
        <source>Lieux écartés (non conformes)</source>
        <translation>Rejected places (non-compliant)</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="56"/>
        <source>Lieux non publiés ignorés</source>
        <translation>Unpublished places skipped</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="66"/>
        <source>Indiquez un dossier de sortie.</source>
        <translation>Specify an output folder.</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="81"/>
        <source>Non exporté — {message}</source>
        <translation>Not exported — {message}</translation>
    </message>
    <message>
        <location filename="../processing/alg_exporter_standard.py" line="88"/>
        <source>{n} lieux écrits dans {fichier} ; {ecartes} écartés (non conformes), {non_publies} non publiés ignorés.</source>
        <translation>{n} places written to {fichier}; {ecartes} rejected (non-compliant), {non_publies} unpublished skipped.</translation>
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
        <source>Nombre de lieux</source>
        <translation>Number of places</translation>
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
        <location filename="../processing/provider.py" line="27"/>
        <source>Médiation numérique — Géo2France</source>
        <translation>Digital Inclusion — Géo2France</translation>
    </message>
    <message>
        <location filename="../ui/messages.py" line="14"/>
        <source>Base de démonstration chargée : {n} lieux fictifs.</source>
        <translation>Demo database loaded: {n} fictitious places.</translation>
    </message>
</context>
</TS>
