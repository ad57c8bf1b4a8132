// Map comments (Kartenhinweise): geometry checks and writing a comment. German first; the English
// catalog must have exactly the same keys.
export const de = {
	mapGeometryMissing: 'Bitte setzen Sie einen Punkt, eine Linie oder eine Fläche auf die Karte.',
	mapGeometryJson: 'Die Geometrie ist kein gültiges GeoJSON.',
	mapGeometryType:
		'Diese Geometrie wird nicht unterstützt. Möglich sind ein Punkt, eine Linie oder eine Fläche.',
	mapGeometryNotAllowed: 'Diese Art von Geometrie ist in dieser Beteiligung nicht vorgesehen.',
	mapGeometryCoordinates:
		'Die Koordinaten sind ungültig. Jede Position braucht zwei Zahlen im gültigen Bereich.',
	mapGeometryTooManyVertices: 'Die Form hat zu viele Eckpunkte: höchstens 200.',
	mapGeometryLineShort: 'Eine Linie braucht mindestens zwei verschiedene Punkte.',
	mapGeometryRing:
		'Eine Fläche braucht mindestens drei verschiedene Eckpunkte, muss geschlossen sein und darf keine Löcher haben.',
	mapGeometrySelfIntersects:
		'Die Fläche überschneidet sich selbst. Bitte zeichnen Sie sie so, dass sich die Kanten nicht kreuzen.',
	mapGeometryOutsideArea:
		'Die Stelle liegt außerhalb des Beteiligungsgebiets. Hinweise sind nur innerhalb des markierten Gebiets möglich.',
	mapGeometryOutsidePlan: 'Die Stelle liegt außerhalb der Planzeichnung.',
	mapCategoryUnknown: 'Bitte wählen Sie eine der angebotenen Kategorien.',
	mapPlanUnknown: 'Diese Planzeichnung gehört nicht zu dieser Beteiligung.',
	mapStageClosed:
		'Diese Kartenbeteiligung ist nicht geöffnet. Hinweise sind derzeit nicht möglich.',
	mapVerifiedOnly:
		'Hinweise können nur mit einem bestätigten Konto geschrieben werden. Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse.',
	mapRateLimited:
		'Sie haben in kurzer Zeit sehr viele Beiträge geschrieben. Bitte versuchen Sie es in einer Stunde erneut.',
	mapCommentCreated: 'Ihr Hinweis ist veröffentlicht.'
};

export const en: typeof de = {
	mapGeometryMissing: 'Please place a point, a line or an area on the map.',
	mapGeometryJson: 'The geometry is not valid GeoJSON.',
	mapGeometryType: 'This geometry is not supported. Possible are a point, a line or an area.',
	mapGeometryNotAllowed: 'This kind of geometry is not offered in this consultation.',
	mapGeometryCoordinates:
		'The coordinates are invalid. Each position needs two numbers within the valid range.',
	mapGeometryTooManyVertices: 'The shape has too many corners: at most 200.',
	mapGeometryLineShort: 'A line needs at least two different points.',
	mapGeometryRing:
		'An area needs at least three different corners, must be closed and may not have holes.',
	mapGeometrySelfIntersects:
		'The area intersects itself. Please draw it so that its edges do not cross.',
	mapGeometryOutsideArea:
		'The place is outside the consultation area. Comments are only possible within the marked area.',
	mapGeometryOutsidePlan: 'The place is outside the plan drawing.',
	mapCategoryUnknown: 'Please choose one of the offered categories.',
	mapPlanUnknown: 'This plan drawing does not belong to this consultation.',
	mapStageClosed: 'This map consultation is not open. Comments are not possible at the moment.',
	mapVerifiedOnly:
		'Comments can only be written with a confirmed account. Please confirm your email address first.',
	mapRateLimited:
		'You have written very many contributions in a short time. Please try again in an hour.',
	mapCommentCreated: 'Your comment is published.'
};
