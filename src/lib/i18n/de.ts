// German is the source language; en.ts must have the same keys (the type checker enforces it).
export const de = {
	langName: 'Deutsch',
	switchLanguage: 'English',
	switchLanguageLabel: 'Switch to English',
	skipLink: 'Zum Inhalt springen',
	siteTagline: 'Beteiligung, Umfragen und Ratssitzungen',
	navMain: 'Hauptnavigation',
	navFooter: 'Rechtliches und Barrierefreiheit',
	navHome: 'Start',
	navLogin: 'Anmelden',
	navRegister: 'Registrieren',
	navAccount: 'Mein Konto',
	navAdmin: 'Verwaltung',
	navLogout: 'Abmelden',
	navOutbox: 'Postausgang (Entwicklung)',
	loggedInAs: 'Angemeldet als',
	footerImprint: 'Impressum',
	footerPrivacy: 'Datenschutz',
	footerAccessibility: 'Barrierefreiheit',

	homeTitle: 'Mitreden in Hennef',
	homeIntro:
		'Hier beteiligen Sie sich an Planungen der Stadt, beantworten Umfragen und verfolgen Ratssitzungen live oder als Aufzeichnung.',
	homeConsultations: 'Aktuelle Beteiligungsverfahren',
	homeConsultationsEmpty:
		'Zurzeit läuft kein Beteiligungsverfahren. Sobald die Stadt eines startet, erscheint es hier mit Umfragen und Abstimmungen.',
	homeUpcomingMeetings: 'Nächste Ratssitzungen',
	homeUpcomingEmpty:
		'Es sind keine Sitzungen angekündigt. Geplante Sitzungen des Rates und der Ausschüsse erscheinen hier mit Datum und Ort.',
	homeRecordedMeetings: 'Aufgezeichnete Sitzungen',
	homeRecordedEmpty:
		'Noch keine Aufzeichnungen. Nach einer übertragenen Sitzung finden Sie hier die Aufzeichnung, gegliedert nach Tagesordnungspunkten.',
	homeLive: 'Live',
	homeRecording: 'Aufzeichnung',

	emailLabel: 'E-Mail-Adresse',
	passwordLabel: 'Passwort',
	passwordHint: 'Mindestens 8 Zeichen. Sehr häufige Passwörter werden abgelehnt.',
	newPasswordLabel: 'Neues Passwort',
	currentPasswordLabel: 'Aktuelles Passwort',
	displayNameLabel: 'Anzeigename (freiwillig)',
	displayNameHint: 'Wird bei Ihren Beiträgen angezeigt. Ohne Angabe erscheint „Bürger*in“.',
	formErrorSummary: 'Bitte korrigieren Sie folgende Angaben:',

	loginTitle: 'Anmelden',
	loginSubmit: 'Anmelden',
	loginFailed: 'E-Mail-Adresse oder Passwort ist falsch.',
	loginUnverified:
		'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse. Wir haben Ihnen einen neuen Bestätigungslink geschickt.',
	loginDisabled: 'Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Stadtverwaltung.',
	loginRateLimited:
		'Zu viele Anmeldeversuche. Bitte warten Sie 15 Minuten und versuchen Sie es dann erneut.',
	loginForgot: 'Passwort vergessen?',
	loginNoAccount: 'Noch kein Konto?',
	loginRequired: 'Bitte melden Sie sich an, um fortzufahren.',

	registerTitle: 'Konto anlegen',
	registerIntro:
		'Mit einem Konto nehmen Sie an Umfragen teil und kommentieren Planungen. Wir speichern nur E-Mail-Adresse, Passwort-Hash und, falls angegeben, Ihren Anzeigenamen.',
	registerSubmit: 'Konto anlegen',
	registerDoneTitle: 'Fast geschafft',
	registerDone:
		'Wir haben Ihnen eine E-Mail geschickt. Bitte öffnen Sie den Link darin, um Ihre E-Mail-Adresse zu bestätigen. Der Link ist 48 Stunden gültig.',
	registerRateLimited:
		'Zu viele Registrierungen von Ihrem Anschluss. Bitte versuchen Sie es später erneut.',
	registerPrivacyNote: 'Hinweise zum Datenschutz',

	verifyTitle: 'E-Mail-Adresse bestätigen',
	verifyDone: 'Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden.',
	verifyInvalid:
		'Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt. Melden Sie sich an, um einen neuen Link zu erhalten.',
	emailChangedDone: 'Ihre neue E-Mail-Adresse ist bestätigt und ab sofort gültig.',

	forgotTitle: 'Passwort vergessen',
	forgotIntro:
		'Geben Sie Ihre E-Mail-Adresse ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort setzen.',
	forgotSubmit: 'Link anfordern',
	forgotDone:
		'Wenn zu dieser Adresse ein Konto besteht, haben wir einen Link geschickt. Er ist eine Stunde gültig und funktioniert einmal.',
	forgotRateLimited: 'Zu viele Anfragen. Bitte versuchen Sie es später erneut.',
	resetTitle: 'Neues Passwort setzen',
	resetSubmit: 'Passwort speichern',
	resetDone:
		'Ihr Passwort ist geändert. Alle anderen Anmeldungen wurden beendet. Bitte melden Sie sich an.',
	resetInvalid:
		'Dieser Link ist ungültig, abgelaufen oder wurde schon benutzt. Fordern Sie bitte einen neuen Link an.',

	accountTitle: 'Mein Konto',
	accountEmail: 'E-Mail-Adresse',
	accountRoles: 'Rollen',
	accountSince: 'Konto seit',
	accountChangeEmail: 'E-Mail-Adresse ändern',
	accountChangeEmailIntro:
		'Wir schicken einen Bestätigungslink an die neue Adresse. Bis Sie ihn öffnen, gilt Ihre bisherige Adresse.',
	accountChangeEmailSubmit: 'Bestätigungslink senden',
	accountChangeEmailSent: 'Wir haben einen Bestätigungslink an die neue Adresse geschickt.',
	accountChangePassword: 'Passwort ändern',
	accountChangePasswordIntro: 'Nach der Änderung werden alle Ihre anderen Anmeldungen beendet.',
	accountChangePasswordSubmit: 'Passwort ändern',
	accountPasswordChanged: 'Ihr Passwort ist geändert. Andere Anmeldungen wurden beendet.',
	accountWrongPassword: 'Das aktuelle Passwort ist falsch.',
	accountExport: 'Meine Daten herunterladen',
	accountExportIntro:
		'Sie erhalten alle Daten, die Mitreden zu Ihrem Konto speichert, als JSON-Datei (Art. 15 und 20 DSGVO).',
	accountExportSubmit: 'Daten herunterladen (JSON)',
	accountDelete: 'Konto löschen',
	accountDeleteIntro:
		'Ihre persönlichen Daten werden gelöscht. Ihre Beiträge bleiben ohne Namen als „gelöschtes Konto“ erhalten, damit Diskussionen verständlich bleiben.',
	accountDeleteLink: 'Konto löschen …',
	accountDeleteConfirmTitle: 'Konto wirklich löschen?',
	accountDeleteConfirmText:
		'Das kann nicht rückgängig gemacht werden. Geben Sie zur Bestätigung Ihr Passwort ein.',
	accountDeleteSubmit: 'Konto endgültig löschen',
	accountDeleteCancel: 'Abbrechen, Konto behalten',
	accountDeleted: 'Ihr Konto wurde gelöscht. Ihre Beiträge erscheinen nun als „gelöschtes Konto“.',
	accountEmailTaken: 'Diese E-Mail-Adresse kann nicht verwendet werden.',
	accountEmailSame: 'Das ist bereits Ihre E-Mail-Adresse.',
	deletedAccount: 'gelöschtes Konto',
	anonymousResident: 'Bürger*in',

	role_resident: 'Bürger*in',
	role_moderator: 'Moderation',
	role_planner: 'Planung (Fachamt)',
	role_clerk: 'Sitzungsdienst',
	role_admin: 'Administration',

	adminTitle: 'Verwaltung',
	adminUsers: 'Benutzerkonten',
	adminAudit: 'Protokoll',
	adminJobs: 'Fehlgeschlagene Aufträge',
	adminFeedback: 'Rückmeldungen zur Barrierefreiheit',
	adminSearch: 'Suche nach E-Mail oder Name',
	adminSearchSubmit: 'Suchen',
	adminRoleFilter: 'Rolle',
	adminAllRoles: 'alle Rollen',
	adminNoUsers: 'Keine Konten gefunden. Ändern Sie die Suche oder den Rollenfilter.',
	adminColEmail: 'E-Mail',
	adminColName: 'Name',
	adminColRoles: 'Rollen',
	adminColStatus: 'Status',
	adminColCreated: 'Angelegt',
	adminStatusActive: 'aktiv',
	adminStatusUnverified: 'unbestätigt',
	adminStatusDisabled: 'gesperrt',
	adminStatusDeleted: 'gelöscht',
	adminUserTitle: 'Konto',
	adminRolesLegend: 'Rollen',
	adminRolesSubmit: 'Rollen speichern',
	adminRolesSaved: 'Rollen gespeichert.',
	adminLastAdmin:
		'Das letzte aktive Administrationskonto kann seine Rolle nicht verlieren und nicht gesperrt werden.',
	adminDisable: 'Konto sperren',
	adminDisableConfirm:
		'Konto wirklich sperren? Alle Anmeldungen dieses Kontos werden sofort beendet.',
	adminEnable: 'Sperre aufheben',
	adminDisabled: 'Konto gesperrt.',
	adminEnabled: 'Sperre aufgehoben.',
	adminResults: '{n} Konten',
	adminPrev: 'Vorherige Seite',
	adminNext: 'Nächste Seite',
	adminPage: 'Seite {page} von {pages}',
	auditEmpty:
		'Noch keine Einträge. Rollenänderungen, Sperren und andere Verwaltungsaktionen erscheinen hier.',
	auditWhen: 'Zeitpunkt',
	auditWho: 'Wer',
	auditWhat: 'Aktion',
	auditTarget: 'Betroffen',
	auditDetails: 'Details',
	jobsEmpty:
		'Keine fehlgeschlagenen Aufträge. Aufträge, die nach allen Wiederholungen scheitern, erscheinen hier.',
	jobsName: 'Auftrag',
	jobsError: 'Fehler',
	jobsAttempts: 'Versuche',
	jobsFailedAt: 'Gescheitert',
	jobsRetry: 'Erneut versuchen',
	jobsRetried: 'Der Auftrag wurde erneut eingeplant.',
	jobsNotFound: 'Diesen fehlgeschlagenen Auftrag gibt es nicht (mehr).',
	feedbackEmpty:
		'Keine Rückmeldungen. Meldungen über das Formular der Erklärung zur Barrierefreiheit erscheinen hier.',
	feedbackMarkHandled: 'Als erledigt markieren',
	feedbackHandled: 'erledigt',

	outboxTitle: 'Postausgang (Entwicklung)',
	outboxIntro:
		'Ohne SMTP_URL landen Mails hier statt im Postfach. Diese Seite gibt es im Produktivbetrieb nicht.',
	outboxEmpty: 'Noch keine Mails. Registrieren Sie sich oder fordern Sie einen Passwort-Link an.',
	outboxTo: 'An',

	a11yTitle: 'Erklärung zur Barrierefreiheit',
	a11yFeedbackTitle: 'Barriere melden',
	a11yFeedbackIntro:
		'Ist Ihnen eine Barriere aufgefallen? Schreiben Sie uns. Die Meldung geht an die Administration; Name und E-Mail sind freiwillig und nur für eine Antwort.',
	a11yNameLabel: 'Name (freiwillig)',
	a11yEmailLabel: 'E-Mail-Adresse für eine Antwort (freiwillig)',
	a11yPageLabel: 'Betroffene Seite (freiwillig)',
	a11yMessageLabel: 'Ihre Nachricht',
	a11ySubmit: 'Meldung senden',
	a11yThanks: 'Danke! Ihre Meldung ist bei uns eingegangen.',
	imprintTitle: 'Impressum',
	privacyTitle: 'Datenschutzerklärung',

	errorTitle: 'Fehler',
	error400: 'Die Anfrage war fehlerhaft.',
	error403: 'Sie haben keine Berechtigung für diese Seite oder Aktion.',
	error404:
		'Diese Seite gibt es nicht. Vielleicht wurde sie verschoben oder die Adresse ist falsch geschrieben.',
	error413: 'Die gesendeten Daten sind zu groß.',
	error415: 'Dieses Formularformat wird nicht unterstützt.',
	error429: 'Zu viele Anfragen. Bitte warten Sie einen Moment.',
	error500: 'Ein unerwarteter Fehler ist aufgetreten. Wir kümmern uns darum.',
	error503:
		'Der Dienst ist vorübergehend nicht erreichbar (Datenbank). Bitte versuchen Sie es in einigen Minuten erneut.',
	errorId: 'Fehlerkennung',
	errorHome: 'Zur Startseite',

	vRequired: 'Bitte füllen Sie dieses Feld aus.',
	vEmail: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@beispiel.de.',
	vTooLong: 'Höchstens {max} Zeichen.',
	vTooShort: 'Mindestens {min} Zeichen.',
	passwordTooShort: 'Das Passwort muss mindestens 8 Zeichen lang sein.',
	passwordTooLong: 'Das Passwort darf höchstens 200 Zeichen lang sein.',
	passwordCommon:
		'Dieses Passwort ist zu verbreitet und leicht zu erraten. Bitte wählen Sie ein anderes.',
	vRole: 'Unbekannte Rolle.',

	mailVerifySubject: 'Mitreden: Bitte bestätigen Sie Ihre E-Mail-Adresse',
	mailVerifyBody:
		'Guten Tag,\n\nbitte bestätigen Sie Ihre E-Mail-Adresse für Mitreden mit diesem Link (48 Stunden gültig):\n\n{link}\n\nFalls Sie kein Konto angelegt haben, ignorieren Sie diese Mail.\n',
	mailResetSubject: 'Mitreden: Neues Passwort setzen',
	mailResetBody:
		'Guten Tag,\n\nmit diesem Link setzen Sie ein neues Passwort (eine Stunde gültig, nur einmal nutzbar):\n\n{link}\n\nFalls Sie das nicht angefordert haben, ignorieren Sie diese Mail; Ihr Passwort bleibt unverändert.\n',
	mailChangeSubject: 'Mitreden: Neue E-Mail-Adresse bestätigen',
	mailChangeBody:
		'Guten Tag,\n\nbitte bestätigen Sie Ihre neue E-Mail-Adresse für Mitreden mit diesem Link (24 Stunden gültig):\n\n{link}\n',
	mailFeedbackSubject: 'Mitreden: Neue Rückmeldung zur Barrierefreiheit',
	mailFeedbackBody:
		'Eine neue Meldung zur Barrierefreiheit ist eingegangen:\n\n{message}\n\nAlle Meldungen: {link}\n'
};

export type Messages = { [K in keyof typeof de]: string };
