// Contacts as the CRM wants them: one e-mail format, one name field.
String email = record.email?.trim()?.toLowerCase()
if (!(email ==~ /[^@\s]+@[^@\s]+\.[a-z]{2,}/)) {
    // a dead letter with this reason; replay it once the warehouse holds a real address
    reject("'${record.email}' is not an e-mail address")
}
record.email = email
record.name = [record.remove('first_name'), record.remove('last_name')]
        .findAll { it }
        .collect { it.trim().toLowerCase().capitalize() }
        .join(' ')
