"""Words the NER model mistakes for names or organisations that identify nobody in a care record."""

from __future__ import annotations

NEVER_REDACT = frozenset(
    s.lower()
    for s in (
        "GP", "NHS", "NI", "NINO", "A&E", "A and E", "DWP", "PIP", "ESA", "OT", "DN", "CPN", "CAMHS", "ASC", "Council",
        "the Council", "Social Services", "Adult Social Care", "Children's Services", "Universal Credit",
        "Attendance Allowance", "Carer's Allowance", "Blue Badge", "Meals on Wheels", "Lifeline",
        "Alzheimer's", "Parkinson's", "Crohn's", "Mum", "Dad", "Mam", "Nan", "Nana", "Gran", "Grandad",
        "Grandma", "Grandpa", "God", "Christmas", "Easter", "Ramadan", "Eid", "Diwali", "Monday",
        "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Zoom", "Teams", "WhatsApp",
        "Google", "Facebook", "Amazon", "Tesco", "Asda", "Aldi", "Lidl", "Boots", "OK", "Okay", "Yeah",
        "Hello", "Hi", "Bye", "Thanks", "Right", "Sorry", "Paracetamol", "Ibuprofen", "Warfarin",
        "Metformin", "Donepezil", "Amlodipine", "Sertraline", "Care Act", "Mental Capacity Act",
        "Deprivation of Liberty", "DoLS", "Care Quality Commission", "CQC", "Age UK", "Mind", "Samaritans",
        "Citizens Advice", "Job Centre", "Jobcentre", "Police", "Fire Service",
        # Family words children use, and hesitations the NER model tags as names or organisations.
        "Mummy", "Mommy", "Mammy", "Daddy", "Nanny", "Nanna", "Granny", "Grandma", "Grampa", "Auntie",
        "Hmph", "Hmm", "Um", "Umm", "Er", "Erm", "Uh", "Ah", "Oh", "Ooh",
        # Platforms, games and qualifications: they name no one.
        "Xbox", "PlayStation", "Nintendo", "Switch", "Snapchat", "Instagram", "TikTok", "YouTube", "Netflix",
        "Twitter", "Discord", "Fortnite", "Minecraft", "Roblox", "iPad", "iPhone", "Android", "Spotify",
        "GCSE", "GCSEs", "A level", "A levels", "SATs", "BTEC", "EHCP",
        "Down's", "Asperger's", "Huntington's", "Tourette's", "Addison's", "Raynaud's",
        # The names of identifiers, which the NER model tags when a spelled value follows them.
        "Postcode", "Post code", "National Insurance", "National Insurance number", "NI number", "NHS number",
        "Sort code", "Account number", "Date of birth", "Reg", "Registration", "Case reference",
    )
)  # fmt: skip

# Tokens that never count as a name on their own when a name recurs.
NOT_NAME_TOKENS = (
    frozenset(
        [
            "mr",
            "mrs",
            "ms",
            "miss",
            "mx",
            "dr",
            "nurse",
            "the",
            "and",
            "of",
            "de",
            "la",
            "van",
            "von",
            "st",
            "saint",
            "her",
            "his",
            "my",
            "our",
            "their",
        ]
    )
    | NEVER_REDACT
)
