namespace MagentoCloud.Engine.Data;

/// <summary>Small word lists for plausible sample values; nothing here comes from real people.</summary>
internal static class SampleWords
{
    public static readonly string[] FirstNames =
    [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Margaret", "Steven", "Sandra",
        "Paul", "Ashley", "Andrew", "Emily", "Joshua", "Donna", "Kevin", "Michelle", "Brian", "Carol",
        "Chloé", "Léa", "Zoë", "Renée", "José", "Amélie", "Hélène", "François", "Jérôme", "Noël",
        "Aiko", "Chen", "Priya", "Omar", "Fatima", "Lars", "Ingrid", "Mateo", "Sofía", "Björn",
    ];

    public static readonly string[] LastNames =
    [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "O'Brien", "O'Connor", "D'Angelo", "Dubois", "Lefèvre", "Moreau", "Girard", "Bonnet", "Müller", "Schäfer",
        "Nakamura", "Kowalski", "Novák", "Andersson", "Nguyen", "Patel", "Kim", "Rossi", "Costa", "Silva",
    ];

    public static readonly string[] StreetNames =
    [
        "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill", "Park", "Main",
        "Sunset", "River", "Church", "Mill", "Spring", "Highland", "Forest", "Meadow", "Franklin", "Jefferson",
    ];

    public static readonly string[] StreetSuffixes = ["Street", "Avenue", "Road", "Lane", "Drive", "Court", "Way", "Boulevard"];

    public static readonly string[] FrenchStreets =
    [
        "rue de la République", "avenue Victor Hugo", "rue du Faubourg Saint-Honoré", "boulevard Haussmann",
        "rue des Écoles", "place de l'Église", "rue Jean Jaurès", "quai de la Tournelle",
    ];

    /// <summary>City, region, Magento region_id (US states as installed; 0 = none), postcode prefix, country.</summary>
    public static readonly (string City, string Region, int RegionId, string Postcode, string Country)[] Places =
    [
        ("Austin", "Texas", 57, "787", "US"), ("Dallas", "Texas", 57, "752", "US"), ("Seattle", "Washington", 62, "981", "US"),
        ("Portland", "Oregon", 49, "972", "US"), ("Denver", "Colorado", 13, "802", "US"), ("Chicago", "Illinois", 23, "606", "US"),
        ("Boston", "Massachusetts", 32, "021", "US"), ("Atlanta", "Georgia", 19, "303", "US"), ("Phoenix", "Arizona", 4, "850", "US"),
        ("San Diego", "California", 12, "921", "US"), ("Los Angeles", "California", 12, "900", "US"), ("Miami", "Florida", 18, "331", "US"),
        ("Paris", "Île-de-France", 0, "750", "FR"), ("Lyon", "Auvergne-Rhône-Alpes", 0, "690", "FR"),
        ("Marseille", "Provence-Alpes-Côte d'Azur", 0, "130", "FR"), ("Bordeaux", "Nouvelle-Aquitaine", 0, "330", "FR"),
    ];

    public static readonly string[] MailDomains = ["example.com", "example.net", "example.org", "mail.example.com"];

    public static readonly string[] Companies = ["Acme Corp", "Globex", "Initech", "Umbrella Ltd", "Stark Supplies", "Wayne Retail", "Hooli", "Vandelay Industries"];

    public static readonly string[] ProductAdjectives =
    [
        "Classic", "Essential", "Premium", "Lightweight", "Organic", "Vintage", "Modern", "Rugged", "Compact", "Deluxe",
        "Breathable", "Waterproof", "Everyday", "Performance", "Cozy", "Sleek",
    ];

    public static readonly string[] ProductMaterials = ["Cotton", "Wool", "Leather", "Bamboo", "Linen", "Denim", "Fleece", "Canvas", "Steel", "Ceramic"];

    public static readonly string[] ProductNouns =
    [
        "Tee", "Hoodie", "Jacket", "Backpack", "Water Bottle", "Yoga Mat", "Running Shoe", "Tote Bag", "Beanie", "Sweatpants",
        "Duffle", "Watch", "Sunglasses", "Mug", "Notebook", "Scarf", "Cap", "Shorts", "Tank", "Pullover",
    ];

    public static readonly string[] FrenchNouns =
    [
        "T-shirt", "Sweat", "Veste", "Sac à dos", "Gourde", "Tapis de yoga", "Chaussure de course", "Sac cabas", "Bonnet", "Jogging",
        "Sac de sport", "Montre", "Lunettes", "Tasse", "Carnet", "Écharpe", "Casquette", "Short", "Débardeur", "Pull",
    ];

    public static readonly string[] DescriptionSentences =
    [
        "Made to last through daily wear and weekend adventures.",
        "A relaxed fit that layers easily under a jacket.",
        "Machine washable; tumble dry low.",
        "Designed with recycled materials wherever possible.",
        "Reinforced seams and a soft brushed interior.",
        "Pairs with everything in your wardrobe.",
        "Ships in plastic-free packaging.",
        "Our best seller, now in new seasonal colors.",
    ];

    public static readonly string[] ReviewTitles = ["Great value", "Love it", "Not what I expected", "Perfect fit", "Would buy again", "Decent quality", "Runs small", "Five stars"];

    public static readonly string[] ReviewBodies =
    [
        "Arrived quickly and looks exactly like the pictures.",
        "The material feels sturdy. I have washed it several times already.",
        "Sizing was a bit off, I had to exchange it for a larger one.",
        "Bought one for my partner too. We both use them every day.",
        "Good, but the color is slightly darker than shown.",
    ];

    public static readonly string[] OrderComments =
    [
        "Customer asked to leave the parcel with a neighbour.",
        "Gift wrap requested.",
        "Address confirmed by phone.",
        "Please deliver after 5pm.",
    ];

    public static readonly string[] SearchTerms = ["hoodie", "yoga mat", "backpack", "jacket men", "water bottle", "running shoes", "tee", "gift", "sale", "wool scarf", "sac à dos", "veste"];
}
