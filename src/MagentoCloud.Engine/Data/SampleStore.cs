using System.Diagnostics;
using System.Globalization;
using System.Text;
using MySqlConnector;

namespace MagentoCloud.Engine.Data;

/// <summary>
/// Fills a database with a Magento 2.4 store that looks active: websites and store views, configuration
/// at every scope (with an encrypted payment credential), themes, an admin, customers with addresses and
/// EAV values, products, stock, carts, orders with everything around them, newsletter, reviews, and the
/// session and log tables a running store accumulates. Every value comes from one seeded generator, so a
/// seed gives the same rows; every row is sent as multi-row INSERTs over one connection.
/// </summary>
public sealed class SampleStore
{
    private const int AdminStore = 0, DefaultStore = 1, FrenchStore = 2;
    private const int CustomerType = 1, AddressType = 2, ProductType = 4;
    private const decimal TaxRate = 0.0825m, EuroRate = 0.9200m, Shipping = 5.0000m;

    // Attribute ids are this generator's own; a real store numbers them as its modules install.
    private const int AttrName = 73, AttrDescription = 75, AttrShortDescription = 76, AttrPrice = 77, AttrSpecialPrice = 78,
        AttrWeight = 82, AttrNewsFrom = 94, AttrStatus = 97, AttrVisibility = 99, AttrUrlKey = 121, AttrTaxClass = 132,
        AttrMobile = 200, AttrLoyaltyTier = 201, AttrNotes = 202, AttrLoyaltyJoined = 203, AttrCreditLimit = 204,
        AttrBuilding = 210, AttrDeliveryNotes = 211, AttrIsBusiness = 212, AttrVerifiedAt = 213, AttrLatitude = 214;

    private readonly SampleStoreOptions _options;
    private readonly Random _random;
    private readonly DateTime _now;
    private readonly List<Customer> _customers = [];
    private readonly List<Product> _products = [];

    private SampleStore(SampleStoreOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
        _now = DateTime.SpecifyKind(options.AsOf, DateTimeKind.Utc);
    }

    /// <summary>
    /// Creates Magento's tables where missing and writes the sample store into them. The database should
    /// be empty: rows are written with fixed ids, so an existing store makes the insert fail.
    /// </summary>
    public static async Task<CloudSampleData> InstallAsync(
        string environment,
        DatabaseEndpoint endpoint,
        SampleStoreOptions options,
        IOperationObserver observer,
        CancellationToken cancellationToken)
    {
        options.Validate();
        var watch = Stopwatch.StartNew();
        var activity = $"Sample data for {environment}";
        await using var connection = new MySqlConnection(LocalDatabaseServer.ConnectionString(endpoint));
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException e)
        {
            throw new CloudException(
                CloudErrorId.DatabaseUnavailable,
                $"Could not connect to {endpoint} to write sample data: {e.Message}. Check that the environment's database server runs.",
                target: environment);
        }

        observer.Progress(new OperationProgress(activity, "Creating Magento's tables", 0));
        await MagentoSchema.CreateAsync(connection, cancellationToken).ConfigureAwait(false);
        await RefuseNonEmptyAsync(connection, environment, endpoint, cancellationToken).ConfigureAwait(false);
        // Ids 0 (admin website and store) must stay 0; timestamps are written as UTC text; unique
        // checks are the slowest part of bulk loading and the generator's keys are unique by design.
        await ExecuteAsync(connection,
            "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO', time_zone = '+00:00', unique_checks = 0, foreign_key_checks = 0",
            cancellationToken).ConfigureAwait(false);

        var estimate = EstimateRows(options);
        var lastPercent = -1;
        await using var pipe = new InsertPipe(connection, (rows, bytes) =>
        {
            var percent = (int)Math.Min(99, rows * 100 / Math.Max(1, estimate));
            if (percent == lastPercent) return;
            lastPercent = percent;
            observer.Progress(new OperationProgress(activity, $"{rows:N0} of about {estimate:N0} rows written ({bytes / 1048576.0:N0} MB)", percent));
        });
        var store = new SampleStore(options);
        try
        {
            await store.WriteAsync(pipe, cancellationToken).ConfigureAwait(false);
            await pipe.CompleteAsync().ConfigureAwait(false);
        }
        catch (MySqlException e)
        {
            throw new CloudException(
                CloudErrorId.CommandFailed,
                $"Writing sample data into {endpoint} failed after {pipe.Rows:N0} rows: {e.Message}",
                target: environment);
        }
        observer.Progress(new OperationProgress(activity, $"{pipe.Rows:N0} rows written", 100) { Completed = true });
        observer.Log($"Sample data: {pipe.Rows:N0} rows, {pipe.Bytes / 1048576.0:N1} MB of SQL in {watch.Elapsed.TotalSeconds:N1} s");
        return new CloudSampleData
        {
            Environment = environment,
            Database = endpoint.Database,
            Customers = options.Customers,
            Products = options.Products,
            Orders = options.Orders,
            Rows = pipe.Rows,
            Bytes = pipe.Bytes,
            Duration = watch.Elapsed,
            Seed = options.Seed,
        };
    }

    private static async Task RefuseNonEmptyAsync(MySqlConnection connection, string environment, DatabaseEndpoint endpoint, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(
            "SELECT (SELECT COUNT(*) FROM store_website) + (SELECT COUNT(*) FROM customer_entity) + (SELECT COUNT(*) FROM sales_order)",
            connection);
        var rows = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (rows > 0)
            throw new CloudException(
                CloudErrorId.StateConflict,
                $"The database {endpoint.Database} of {environment} already holds a store ({rows:N0} websites, customers and orders). " +
                "Sample data goes into an empty database: create a new environment, or empty this one first.",
                target: environment);
    }

    private static async Task ExecuteAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Roughly how many rows a store of these options has, for progress only.</summary>
    internal static long EstimateRows(SampleStoreOptions o) =>
        120 + o.Customers * 9L + o.Products * 14L + o.Orders * 22L;

    private async Task WriteAsync(InsertPipe pipe, CancellationToken ct)
    {
        await WriteScopesAsync(pipe, ct).ConfigureAwait(false);
        await WriteConfigurationAsync(pipe, ct).ConfigureAwait(false);
        await WriteAdminAsync(pipe, ct).ConfigureAwait(false);
        await WriteAttributesAsync(pipe, ct).ConfigureAwait(false);
        await WriteCustomersAsync(pipe, ct).ConfigureAwait(false);
        await WriteProductsAsync(pipe, ct).ConfigureAwait(false);
        await WriteOrdersAsync(pipe, ct).ConfigureAwait(false);
        await WriteActivityAsync(pipe, ct).ConfigureAwait(false);
    }

    // ---- stores, configuration, themes, admin ----

    private async Task WriteScopesAsync(InsertPipe pipe, CancellationToken ct)
    {
        var websites = new InsertBatch(pipe, "store_website", "website_id", "code", "name", "sort_order", "default_group_id", "is_default");
        await websites.Begin().Int(0).Str("admin").Str("Admin").Int(0).Int(0).Int(0).EndAsync(ct);
        await websites.Begin().Int(1).Str("base").Str("Main Website").Int(0).Int(1).Int(1).EndAsync(ct);
        await websites.FlushAsync(ct);

        var groups = new InsertBatch(pipe, "store_group", "group_id", "website_id", "name", "root_category_id", "default_store_id", "code");
        await groups.Begin().Int(0).Int(0).Str("Default").Int(0).Int(0).Str("default").EndAsync(ct);
        await groups.Begin().Int(1).Int(1).Str("Main Website Store").Int(2).Int(1).Str("main_website_store").EndAsync(ct);
        await groups.FlushAsync(ct);

        var stores = new InsertBatch(pipe, "store", "store_id", "code", "website_id", "group_id", "name", "sort_order", "is_active");
        await stores.Begin().Int(AdminStore).Str("admin").Int(0).Int(0).Str("Admin").Int(0).Int(1).EndAsync(ct);
        await stores.Begin().Int(DefaultStore).Str("default").Int(1).Int(1).Str("Default Store View").Int(0).Int(1).EndAsync(ct);
        await stores.Begin().Int(FrenchStore).Str("french").Int(1).Int(1).Str("French Store View").Int(1).Int(1).EndAsync(ct);
        await stores.FlushAsync(ct);

        var themes = new InsertBatch(pipe, "theme", "theme_id", "parent_id", "theme_path", "theme_title", "preview_image", "is_featured", "area", "type", "code");
        await themes.Begin().Int(1).Null().Str("Magento/backend").Str("Magento 2 backend").Null().Int(0).Str("adminhtml").Int(0).Str("Magento/backend").EndAsync(ct);
        await themes.Begin().Int(2).Null().Str("Magento/blank").Str("Magento Blank").Str("preview_image_" + Hex(6) + ".jpeg").Int(0).Str("frontend").Int(0).Str("Magento/blank").EndAsync(ct);
        await themes.Begin().Int(3).Int(2).Str("Magento/luma").Str("Magento Luma").Str("preview_image_" + Hex(6) + ".jpeg").Int(0).Str("frontend").Int(0).Str("Magento/luma").EndAsync(ct);
        await themes.FlushAsync(ct);

        var types = new InsertBatch(pipe, "eav_entity_type", "entity_type_id", "entity_type_code", "entity_model", "attribute_model", "entity_table",
            "value_table_prefix", "entity_id_field", "is_data_sharing", "data_sharing_key", "default_attribute_set_id", "increment_model",
            "increment_per_store", "increment_pad_length", "increment_pad_char", "additional_attribute_table", "entity_attribute_collection");
        (int Id, string Code, string Model, string? AttributeModel, string Table, int Set, string? Increment, int PerStore, string? Extra, string? Collection)[] entityTypes =
        [
            (CustomerType, "customer", "Magento\\Customer\\Model\\ResourceModel\\Customer", "Magento\\Customer\\Model\\Attribute", "customer_entity", 1,
                "Magento\\Eav\\Model\\Entity\\Increment\\NumericValue", 0, "customer_eav_attribute", "Magento\\Customer\\Model\\ResourceModel\\Attribute\\Collection"),
            (AddressType, "customer_address", "Magento\\Customer\\Model\\ResourceModel\\Address", "Magento\\Customer\\Model\\Attribute", "customer_address_entity", 2,
                null, 0, "customer_eav_attribute", "Magento\\Customer\\Model\\ResourceModel\\Address\\Attribute\\Collection"),
            (3, "catalog_category", "Magento\\Catalog\\Model\\ResourceModel\\Category", "Magento\\Catalog\\Model\\ResourceModel\\Eav\\Attribute", "catalog_category_entity", 3,
                null, 0, "catalog_eav_attribute", "Magento\\Catalog\\Model\\ResourceModel\\Category\\Attribute\\Collection"),
            (ProductType, "catalog_product", "Magento\\Catalog\\Model\\ResourceModel\\Product", "Magento\\Catalog\\Model\\ResourceModel\\Eav\\Attribute", "catalog_product_entity", 4,
                null, 0, "catalog_eav_attribute", "Magento\\Catalog\\Model\\ResourceModel\\Product\\Attribute\\Collection"),
            (5, "order", "Magento\\Sales\\Model\\ResourceModel\\Order", null, "sales_order", 0, "Magento\\Eav\\Model\\Entity\\Increment\\NumericValue", 1, null, null),
            (6, "invoice", "Magento\\Sales\\Model\\ResourceModel\\Order", null, "sales_invoice", 0, "Magento\\Eav\\Model\\Entity\\Increment\\NumericValue", 1, null, null),
            (7, "creditmemo", "Magento\\Sales\\Model\\ResourceModel\\Order\\Creditmemo", null, "sales_creditmemo", 0, "Magento\\Eav\\Model\\Entity\\Increment\\NumericValue", 1, null, null),
            (8, "shipment", "Magento\\Sales\\Model\\ResourceModel\\Order\\Shipment", null, "sales_shipment", 0, "Magento\\Eav\\Model\\Entity\\Increment\\NumericValue", 1, null, null),
        ];
        foreach (var t in entityTypes)
            await types.Begin().Int(t.Id).Str(t.Code).Str(t.Model).Str(t.AttributeModel).Str(t.Table).Null().Null().Int(1).Str("default").Int(t.Set)
                .Str(t.Increment).Int(t.PerStore).Int(8).Str("0").Str(t.Extra).Str(t.Collection).EndAsync(ct);
        await types.FlushAsync(ct);
    }

    private async Task WriteConfigurationAsync(InsertPipe pipe, CancellationToken ct)
    {
        var config = new InsertBatch(pipe, "core_config_data", "config_id", "scope", "scope_id", "path", "value", "updated_at");
        var id = 0;
        var at = _now.AddDays(-400);
        async Task Set(string scope, int scopeId, string path, string? value)
        {
            at = at.AddMinutes(_random.Next(1, 600));
            await config.Begin().Int(++id).Str(scope).Int(scopeId).Str(path).Str(value).Time(at).EndAsync(ct);
        }

        await Set("default", 0, "web/unsecure/base_url", "http://magento.test/");
        await Set("default", 0, "web/secure/base_url", "https://magento.test/");
        await Set("default", 0, "web/secure/use_in_frontend", "1");
        await Set("default", 0, "web/secure/use_in_adminhtml", "1");
        await Set("default", 0, "web/seo/use_rewrites", "1");
        await Set("default", 0, "web/cookie/cookie_lifetime", "3600");
        await Set("default", 0, "general/locale/code", "en_US");
        await Set("default", 0, "general/locale/timezone", "America/Chicago");
        await Set("default", 0, "general/country/default", "US");
        await Set("default", 0, "general/store_information/name", "Sample Outfitters");
        await Set("default", 0, "currency/options/base", "USD");
        await Set("default", 0, "currency/options/default", "USD");
        await Set("default", 0, "currency/options/allow", "EUR,USD");
        await Set("default", 0, "design/theme/theme_id", "3");
        await Set("default", 0, "catalog/search/engine", "opensearch");
        await Set("default", 0, "dev/static/sign", "1");
        await Set("default", 0, "dev/front_end_development_workflow/type", "server_side_compilation");
        await Set("default", 0, "dev/template/minify_html", "1");
        await Set("default", 0, "dev/js/merge_files", "0");
        await Set("default", 0, "dev/js/minify_files", "1");
        await Set("default", 0, "dev/css/merge_css_files", "0");
        await Set("default", 0, "dev/css/minify_files", "1");
        await Set("default", 0, "admin/security/session_lifetime", "3600");
        await Set("default", 0, "admin/usage/enabled", "0");
        await Set("default", 0, "customer/password/lockout_failures", "10");
        await Set("default", 0, "sales_email/general/async_sending", "1");
        await Set("default", 0, "carriers/flatrate/active", "1");
        await Set("default", 0, "carriers/flatrate/price", "5.00");
        await Set("default", 0, "payment/checkmo/active", "1");
        await Set("default", 0, "payment/braintree/active", "1");
        await Set("default", 0, "payment/braintree/environment", "production");
        await Set("default", 0, "payment/braintree/merchant_id", Hex(8));
        await Set("default", 0, "payment/braintree/public_key", Encrypted(16));
        await Set("default", 0, "payment/braintree/private_key", Encrypted(32));
        await Set("default", 0, "paypal/wpp/api_password", Encrypted(16));
        await Set("default", 0, "smtp/general/password", Encrypted(20));
        // No cookie domain: one naming the store's host would have to be overridden for each environment a copy reaches.
        await Set("websites", 1, "web/cookie/cookie_path", "/");
        await Set("websites", 1, "currency/options/default", "USD");
        await Set("websites", 1, "payment/braintree/merchant_account_id", "sampleoutfitters_usd");
        await Set("stores", DefaultStore, "design/head/default_title", "Sample Outfitters");
        await Set("stores", FrenchStore, "general/locale/code", "fr_FR");
        await Set("stores", FrenchStore, "web/unsecure/base_url", "http://fr.magento.test/");
        await Set("stores", FrenchStore, "web/secure/base_url", "https://fr.magento.test/");
        await Set("stores", FrenchStore, "currency/options/default", "EUR");
        await Set("stores", FrenchStore, "design/head/default_title", "Sample Outfitters — Boutique");
        await config.FlushAsync(ct);
    }

    private async Task WriteAdminAsync(InsertPipe pipe, CancellationToken ct)
    {
        var created = _now.AddDays(-700);
        var users = new InsertBatch(pipe, "admin_user", "user_id", "firstname", "lastname", "email", "username", "password", "created", "modified",
            "logdate", "lognum", "reload_acl_flag", "is_active", "extra", "rp_token", "rp_token_created_at", "interface_locale", "failures_num",
            "first_failure", "lock_expires");
        (string First, string Last, string User, string Locale)[] admins =
            [("Store", "Owner", "admin", "en_US"), ("Camille", "Laurent", "camille", "fr_FR"), ("Sam", "Rivera", "sam.support", "en_US")];
        for (var i = 0; i < admins.Length; i++)
        {
            var a = admins[i];
            await users.Begin().Int(i + 1).Str(a.First).Str(a.Last).Str($"{a.User.Replace(".", "")}@sampleoutfitters.example.com").Str(a.User)
                .Str(PasswordHash()).Time(created.AddDays(i * 30)).Time(_now.AddDays(-_random.Next(1, 60))).Time(_now.AddHours(-_random.Next(1, 200)))
                .Int(_random.Next(20, 900)).Int(0).Int(1).Str("{\"configState\":{\"web_secure\":\"1\"}}").Null().Null().Str(a.Locale).Int(0).Null().Null().EndAsync(ct);
        }
        await users.FlushAsync(ct);

        var roles = new InsertBatch(pipe, "authorization_role", "role_id", "parent_id", "tree_level", "sort_order", "role_type", "user_id", "user_type", "role_name");
        await roles.Begin().Int(1).Int(0).Int(1).Int(1).Str("G").Int(0).Str("2").Str("Administrators").EndAsync(ct);
        for (var i = 0; i < admins.Length; i++)
            await roles.Begin().Int(i + 2).Int(1).Int(2).Int(0).Str("U").Int(i + 1).Str("2").Str(admins[i].User).EndAsync(ct);
        await roles.FlushAsync(ct);
        var rules = new InsertBatch(pipe, "authorization_rule", "rule_id", "role_id", "resource_id", "privileges", "permission");
        await rules.Begin().Int(1).Int(1).Str("Magento_Backend::all").Null().Str("allow").EndAsync(ct);
        await rules.FlushAsync(ct);

        var tfa = new InsertBatch(pipe, "tfa_user_config", "config_id", "user_id", "encoded_providers", "encoded_config", "default_provider");
        await tfa.Begin().Int(1).Int(1).Str("[\"google\"]").Str(Encrypted(48)).Str("google").EndAsync(ct);
        await tfa.FlushAsync(ct);
        var countries = new InsertBatch(pipe, "tfa_country_codes", "country_id", "code", "name", "dial_code");
        (string Code, string Name, string Dial)[] codes = [("US", "United States", "+1"), ("FR", "France", "+33"), ("DE", "Germany", "+49"), ("GB", "United Kingdom", "+44"), ("JP", "Japan", "+81")];
        for (var i = 0; i < codes.Length; i++)
            await countries.Begin().Int(i + 1).Str(codes[i].Code).Str(codes[i].Name).Str(codes[i].Dial).EndAsync(ct);
        await countries.FlushAsync(ct);

        var integration = new InsertBatch(pipe, "integration", "integration_id", "name", "email", "endpoint", "status", "consumer_id", "created_at", "updated_at", "setup_type", "identity_link_url");
        await integration.Begin().Int(1).Str("ERP connector").Str("erp-team@sampleoutfitters.example.com").Str("https://erp.example.com/magento/callback")
            .Int(1).Int(1).Time(created).Time(created.AddDays(3)).Int(0).Null().EndAsync(ct);
        await integration.FlushAsync(ct);
        var tokens = new InsertBatch(pipe, "oauth_token", "entity_id", "consumer_id", "admin_id", "customer_id", "type", "token", "secret", "verifier", "callback_url", "revoked", "authorized", "user_type", "created_at");
        await tokens.Begin().Int(1).Int(1).Null().Null().Str("access").Str(Hex(16)).Str(Hex(16)).Str(Hex(16)).Str("oob").Int(0).Int(1).Int(1).Time(created.AddDays(3)).EndAsync(ct);
        await tokens.Begin().Int(2).Null().Int(1).Null().Str("access").Str(Hex(16)).Str(Hex(16)).Null().Str("").Int(0).Int(0).Int(2).Time(_now.AddHours(-3)).EndAsync(ct);
        await tokens.FlushAsync(ct);

        var sessions = new InsertBatch(pipe, "admin_user_session", "id", "session_id", "user_id", "status", "created_at", "updated_at", "ip");
        for (var i = 1; i <= 12; i++)
        {
            var at = _now.AddHours(-_random.Next(1, 24 * 30));
            await sessions.Begin().Int(i).Null().Int(_random.Next(1, admins.Length + 1)).Int(i > 9 ? 1 : 0).Time(at).Time(at.AddMinutes(_random.Next(5, 120))).Str(IpAddress()).EndAsync(ct);
        }
        await sessions.FlushAsync(ct);
    }

    private async Task WriteAttributesAsync(InsertPipe pipe, CancellationToken ct)
    {
        var attributes = new InsertBatch(pipe, "eav_attribute", "attribute_id", "entity_type_id", "attribute_code", "attribute_model", "backend_model",
            "backend_type", "backend_table", "frontend_model", "frontend_input", "frontend_label", "frontend_class", "source_model", "is_required",
            "is_user_defined", "default_value", "is_unique", "note");
        (int Id, int Type, string Code, string Backend, string Input, string Label, int Required, int UserDefined)[] list =
        [
            (1, CustomerType, "website_id", "static", "select", "Associate to Website", 1, 0),
            (5, CustomerType, "firstname", "static", "text", "First Name", 1, 0),
            (7, CustomerType, "lastname", "static", "text", "Last Name", 1, 0),
            (9, CustomerType, "email", "static", "text", "Email", 1, 0),
            (11, CustomerType, "dob", "static", "date", "Date of Birth", 0, 0),
            (18, CustomerType, "gender", "static", "select", "Gender", 0, 0),
            (AttrMobile, CustomerType, "mobile_phone", "varchar", "text", "Mobile Phone", 0, 1),
            (AttrLoyaltyTier, CustomerType, "loyalty_tier", "int", "select", "Loyalty Tier", 0, 1),
            (AttrNotes, CustomerType, "customer_notes", "text", "textarea", "Notes", 0, 1),
            (AttrLoyaltyJoined, CustomerType, "loyalty_joined_at", "datetime", "date", "Loyalty Member Since", 0, 1),
            (AttrCreditLimit, CustomerType, "credit_limit", "decimal", "price", "Credit Limit", 0, 1),
            (26, AddressType, "city", "static", "text", "City", 1, 0),
            (27, AddressType, "country_id", "static", "select", "Country", 1, 0),
            (34, AddressType, "street", "static", "multiline", "Street Address", 1, 0),
            (35, AddressType, "telephone", "static", "text", "Phone Number", 1, 0),
            (AttrBuilding, AddressType, "building_code", "varchar", "text", "Building Access Code", 0, 1),
            (AttrDeliveryNotes, AddressType, "delivery_notes", "text", "textarea", "Delivery Notes", 0, 1),
            (AttrIsBusiness, AddressType, "is_business", "int", "boolean", "Business Address", 0, 1),
            (AttrVerifiedAt, AddressType, "verified_at", "datetime", "date", "Address Verified At", 0, 1),
            (AttrLatitude, AddressType, "latitude", "decimal", "text", "Latitude", 0, 1),
            (AttrName, ProductType, "name", "varchar", "text", "Product Name", 1, 0),
            (AttrDescription, ProductType, "description", "text", "textarea", "Description", 0, 0),
            (AttrShortDescription, ProductType, "short_description", "text", "textarea", "Short Description", 0, 0),
            (AttrPrice, ProductType, "price", "decimal", "price", "Price", 1, 0),
            (AttrSpecialPrice, ProductType, "special_price", "decimal", "price", "Special Price", 0, 0),
            (AttrWeight, ProductType, "weight", "decimal", "weight", "Weight", 0, 0),
            (AttrNewsFrom, ProductType, "news_from_date", "datetime", "date", "Set Product as New from Date", 0, 0),
            (AttrStatus, ProductType, "status", "int", "select", "Enable Product", 0, 0),
            (AttrVisibility, ProductType, "visibility", "int", "select", "Visibility", 0, 0),
            (AttrUrlKey, ProductType, "url_key", "varchar", "text", "URL Key", 0, 0),
            (AttrTaxClass, ProductType, "tax_class_id", "int", "select", "Tax Class", 0, 0),
        ];
        foreach (var a in list)
            await attributes.Begin().Int(a.Id).Int(a.Type).Str(a.Code).Null().Null().Str(a.Backend).Null().Null().Str(a.Input).Str(a.Label).Null().Null()
                .Int(a.Required).Int(a.UserDefined).Null().Int(0).Null().EndAsync(ct);
        await attributes.FlushAsync(ct);
    }

    // ---- customers ----

    private async Task WriteCustomersAsync(InsertPipe pipe, CancellationToken ct)
    {
        var entity = new InsertBatch(pipe, "customer_entity", "entity_id", "website_id", "email", "group_id", "increment_id", "store_id", "created_at",
            "updated_at", "is_active", "disable_auto_group_change", "created_in", "prefix", "firstname", "middlename", "lastname", "suffix", "dob",
            "password_hash", "rp_token", "rp_token_created_at", "default_billing", "default_shipping", "taxvat", "confirmation", "gender",
            "failures_num", "first_failure", "lock_expires", "session_cutoff");
        var address = new InsertBatch(pipe, "customer_address_entity", "entity_id", "increment_id", "parent_id", "created_at", "updated_at", "is_active",
            "city", "company", "country_id", "fax", "firstname", "lastname", "middlename", "postcode", "prefix", "region", "region_id", "street",
            "suffix", "telephone", "vat_id", "vat_is_valid", "vat_request_date", "vat_request_id", "vat_request_success");
        var grid = new InsertBatch(pipe, "customer_grid_flat", "entity_id", "name", "email", "group_id", "created_at", "website_id", "confirmation",
            "created_in", "dob", "gender", "taxvat", "lock_expires", "shipping_full", "billing_full", "billing_firstname", "billing_lastname",
            "billing_telephone", "billing_postcode", "billing_country_id", "billing_region", "billing_region_id", "billing_street", "billing_city",
            "billing_fax", "billing_vat_id", "billing_company");
        var cVarchar = EavBatch(pipe, "customer_entity_varchar");
        var cInt = EavBatch(pipe, "customer_entity_int");
        var cText = EavBatch(pipe, "customer_entity_text");
        var cDatetime = EavBatch(pipe, "customer_entity_datetime");
        var cDecimal = EavBatch(pipe, "customer_entity_decimal");
        var aVarchar = EavBatch(pipe, "customer_address_entity_varchar");
        var aInt = EavBatch(pipe, "customer_address_entity_int");
        var aText = EavBatch(pipe, "customer_address_entity_text");
        var aDatetime = EavBatch(pipe, "customer_address_entity_datetime");
        var aDecimal = EavBatch(pipe, "customer_address_entity_decimal");
        long addressId = 0, cv = 0, ci = 0, ctx = 0, cdt = 0, cdc = 0, av = 0, ai = 0, atx = 0, adt = 0, adc = 0;

        for (var id = 1; id <= _options.Customers; id++)
        {
            var french = _random.NextDouble() < 0.2;
            var store = french ? FrenchStore : DefaultStore;
            var first = Pick(SampleWords.FirstNames);
            var last = Pick(SampleWords.LastNames);
            var email = $"{Ascii(first)}.{Ascii(last)}{id}@{Pick(SampleWords.MailDomains)}".ToLowerInvariant();
            var created = _now.AddSeconds(-_random.Next(86_400, 3 * 365 * 86_400));
            var updated = created.AddSeconds(_random.Next(0, (int)Math.Max(1, (_now - created).TotalSeconds)));
            var dob = Chance(0.6) ? new DateTime(1950 + _random.Next(55), 1 + _random.Next(12), 1 + _random.Next(28)) : (DateTime?)null;
            var gender = Chance(0.7) ? _random.Next(1, 4) : (int?)null;
            var taxvat = Chance(0.1) ? (french ? "FR" + _random.Next(10_000_000, 99_999_999) + _random.Next(100, 999) : _random.Next(100, 999) + "-" + _random.Next(10, 99) + "-" + _random.Next(1000, 9999)) : null;
            var addressCount = Chance(0.3) ? 2 : 1;
            var firstAddress = addressId + 1;
            var customer = new Customer(id, store, first, last, email, dob, gender, taxvat, created);

            for (var n = 0; n < addressCount; n++)
            {
                var place = PlaceFor(french);
                var a = new Address(++addressId, first, last, Street(place.Country), place.City, place.Region, place.RegionId, Postcode(place), place.Country,
                    Phone(place.Country), Chance(0.15) ? Pick(SampleWords.Companies) : null);
                customer.Addresses.Add(a);
                var aCreated = created.AddMinutes(_random.Next(0, 1000));
                await address.Begin().Int(a.Id).Null().Int(id).Time(aCreated).Time(aCreated).Int(1).Str(a.City).Str(a.Company).Str(a.Country)
                    .Str(Chance(0.05) ? Phone(a.Country) : null).Str(first).Str(last).Null().Str(a.Postcode).Null().Str(a.Region)
                    .RegionId(a.RegionId).Str(a.Street).Null().Str(a.Telephone).Str(a.Company is not null && Chance(0.5) ? taxvat ?? ("VAT" + _random.Next(100000, 999999)) : null)
                    .Null().Null().Null().Null().EndAsync(ct);
                if (Chance(0.4)) await aVarchar.Begin().Int(++av).Int(AttrBuilding).Int(a.Id).Str("#" + _random.Next(1000, 9999)).EndAsync(ct);
                if (Chance(0.2)) await aText.Begin().Int(++atx).Int(AttrDeliveryNotes).Int(a.Id).Str(Pick(SampleWords.OrderComments)).EndAsync(ct);
                await aInt.Begin().Int(++ai).Int(AttrIsBusiness).Int(a.Id).Int(a.Company is null ? 0 : 1).EndAsync(ct);
                if (Chance(0.1)) await aDatetime.Begin().Int(++adt).Int(AttrVerifiedAt).Int(a.Id).Time(aCreated.AddDays(1)).EndAsync(ct);
                if (Chance(0.3)) await aDecimal.Begin().Int(++adc).Int(AttrLatitude).Int(a.Id).Dec(Math.Round((decimal)(_random.NextDouble() * 40 + 25), 4)).EndAsync(ct);
            }

            var billing = customer.Addresses[0];
            var shipping = customer.Addresses[^1];
            var locked = Chance(0.01);
            await entity.Begin().Int(id).Int(1).Str(email).Int(1).Null().Int(store).Time(created).Time(updated).Int(1).Int(0)
                .Str(french ? "French Store View" : "Default Store View").Str(Chance(0.05) ? (gender == 2 ? "Ms." : "Mr.") : null).Str(first).Null().Str(last).Null()
                .DateOrNull(dob).Str(PasswordHash()).Str(Chance(0.05) ? Hex(16) : null).Time(Chance(0.05) ? updated : null)
                .Int(firstAddress).Int(shipping.Id).Str(taxvat).Null().IntOrNull(gender)
                .Int(locked ? 3 : 0).Time(locked ? _now.AddHours(-2) : null).Time(locked ? _now.AddHours(1) : null).Null().EndAsync(ct);
            await grid.Begin().Int(id).Str($"{first} {last}").Str(email).Int(1).Time(created).Int(1).Null().Str(french ? "French Store View" : "Default Store View")
                .DateOrNull(dob).IntOrNull(gender).Str(taxvat).Time(locked ? _now.AddHours(1) : null)
                .Str(shipping.Full).Str(billing.Full).Str(first).Str(last).Str(billing.Telephone).Str(billing.Postcode).Str(billing.Country).Str(billing.Region)
                .RegionId(billing.RegionId).Str(billing.Street).Str(billing.City).Null().Null().Str(billing.Company).EndAsync(ct);

            if (Chance(0.6)) await cVarchar.Begin().Int(++cv).Int(AttrMobile).Int(id).Str(Phone(billing.Country)).EndAsync(ct);
            await cInt.Begin().Int(++ci).Int(AttrLoyaltyTier).Int(id).Int(_random.Next(0, 4)).EndAsync(ct);
            if (Chance(0.1)) await cText.Begin().Int(++ctx).Int(AttrNotes).Int(id).Str($"Prefers {Pick(SampleWords.ProductNouns).ToLowerInvariant()}s. {Pick(SampleWords.OrderComments)}").EndAsync(ct);
            if (Chance(0.3)) await cDatetime.Begin().Int(++cdt).Int(AttrLoyaltyJoined).Int(id).Time(created.AddDays(_random.Next(0, 30))).EndAsync(ct);
            if (Chance(0.2)) await cDecimal.Begin().Int(++cdc).Int(AttrCreditLimit).Int(id).Dec(_random.Next(5, 50) * 100m).EndAsync(ct);
            _customers.Add(customer);
        }
        foreach (var batch in new[] { entity, address, grid, cVarchar, cInt, cText, cDatetime, cDecimal, aVarchar, aInt, aText, aDatetime, aDecimal })
            await batch.FlushAsync(ct);
    }

    // ---- catalog ----

    private async Task WriteProductsAsync(InsertPipe pipe, CancellationToken ct)
    {
        var entity = new InsertBatch(pipe, "catalog_product_entity", "entity_id", "attribute_set_id", "type_id", "sku", "has_options", "required_options", "created_at", "updated_at");
        var varchars = ProductEavBatch(pipe, "catalog_product_entity_varchar");
        var ints = ProductEavBatch(pipe, "catalog_product_entity_int");
        var decimals = ProductEavBatch(pipe, "catalog_product_entity_decimal");
        var texts = ProductEavBatch(pipe, "catalog_product_entity_text");
        var datetimes = ProductEavBatch(pipe, "catalog_product_entity_datetime");
        var stock = new InsertBatch(pipe, "cataloginventory_stock_item", "item_id", "product_id", "stock_id", "qty", "min_qty", "use_config_min_qty",
            "is_qty_decimal", "backorders", "use_config_backorders", "min_sale_qty", "use_config_min_sale_qty", "max_sale_qty", "use_config_max_sale_qty",
            "is_in_stock", "low_stock_date", "notify_stock_qty", "use_config_notify_stock_qty", "manage_stock", "use_config_manage_stock",
            "stock_status_changed_auto", "use_config_qty_increments", "qty_increments", "use_config_enable_qty_inc", "enable_qty_increments",
            "is_decimal_divided", "website_id");
        long v = 0, i = 0, d = 0, t = 0, dt = 0;
        for (var id = 1; id <= _options.Products; id++)
        {
            var noun = _random.Next(SampleWords.ProductNouns.Length);
            var name = $"{Pick(SampleWords.ProductAdjectives)} {Pick(SampleWords.ProductMaterials)} {SampleWords.ProductNouns[noun]}";
            var sku = $"{Initials(name)}-{id:D5}";
            var price = _random.Next(9, 300) + (_random.Next(4) switch { 0 => 0.00m, 1 => 0.50m, 2 => 0.95m, _ => 0.99m });
            var weight = Math.Round((decimal)(_random.NextDouble() * 3 + 0.1), 4);
            var created = _now.AddDays(-_random.Next(30, 900));
            var product = new Product(id, sku, name, price, weight);
            _products.Add(product);

            await entity.Begin().Int(id).Int(4).Str("simple").Str(sku).Int(0).Int(0).Time(created).Time(created.AddDays(_random.Next(0, 30))).EndAsync(ct);
            await varchars.Begin().Int(++v).Int(AttrName).Int(0).Int(id).Str(name).EndAsync(ct);
            await varchars.Begin().Int(++v).Int(AttrUrlKey).Int(0).Int(id).Str(Ascii(name).ToLowerInvariant().Replace(' ', '-') + "-" + id).EndAsync(ct);
            if (Chance(0.3))
                await varchars.Begin().Int(++v).Int(AttrName).Int(FrenchStore).Int(id).Str($"{SampleWords.FrenchNouns[noun]} {Pick(SampleWords.ProductMaterials).ToLowerInvariant()} {Pick(["classique", "essentiel", "léger", "élégant"])}").EndAsync(ct);
            await ints.Begin().Int(++i).Int(AttrStatus).Int(0).Int(id).Int(Chance(0.95) ? 1 : 2).EndAsync(ct);
            await ints.Begin().Int(++i).Int(AttrVisibility).Int(0).Int(id).Int(4).EndAsync(ct);
            await ints.Begin().Int(++i).Int(AttrTaxClass).Int(0).Int(id).Int(2).EndAsync(ct);
            await decimals.Begin().Int(++d).Int(AttrPrice).Int(0).Int(id).Dec(price).EndAsync(ct);
            await decimals.Begin().Int(++d).Int(AttrWeight).Int(0).Int(id).Dec(weight).EndAsync(ct);
            if (Chance(0.2)) await decimals.Begin().Int(++d).Int(AttrSpecialPrice).Int(0).Int(id).Dec(Math.Round(price * 0.8m, 2)).EndAsync(ct);
            await texts.Begin().Int(++t).Int(AttrDescription).Int(0).Int(id).Str(Description(name)).EndAsync(ct);
            await texts.Begin().Int(++t).Int(AttrShortDescription).Int(0).Int(id).Str(Pick(SampleWords.DescriptionSentences)).EndAsync(ct);
            if (Chance(0.2)) await datetimes.Begin().Int(++dt).Int(AttrNewsFrom).Int(0).Int(id).Time(created.Date).EndAsync(ct);
            var qty = Chance(0.1) ? 0 : _random.Next(1, 500);
            await stock.Begin().Int(id).Int(id).Int(1).Dec(qty).Dec(0).Int(1).Int(0).Int(0).Int(1).Dec(1).Int(1).Dec(10000).Int(1).Int(qty > 0 ? 1 : 0)
                .Time(qty > 0 ? null : _now.AddDays(-_random.Next(1, 20))).Dec(1).Int(1).Int(1).Int(1).Int(0).Int(1).Dec(1).Int(1).Int(0).Int(0).Int(0).EndAsync(ct);
        }
        foreach (var batch in new[] { entity, varchars, ints, decimals, texts, datetimes, stock })
            await batch.FlushAsync(ct);
    }

    // ---- quotes and orders ----

    private async Task WriteOrdersAsync(InsertPipe pipe, CancellationToken ct)
    {
        var w = new OrderBatches(pipe);
        long orderItem = 0, quoteItem = 0, orderAddress = 0, quoteAddress = 0, history = 0;
        string[] states = ["complete", "processing", "pending", "canceled", "closed", "holded"];
        double[] weights = [0.55, 0.20, 0.10, 0.08, 0.04, 0.03];

        for (var id = 1; id <= _options.Orders; id++)
        {
            var guest = Chance(0.1);
            var customer = Pick(_customers);
            var store = customer.Store;
            var euro = store == FrenchStore;
            var rate = euro ? EuroRate : 1m;
            var currency = euro ? "EUR" : "USD";
            var (first, last, email) = guest
                ? (Pick(SampleWords.FirstNames), Pick(SampleWords.LastNames), "")
                : (customer.FirstName, customer.LastName, customer.Email);
            if (guest) email = $"{Ascii(first)}.{Ascii(last)}.guest{id}@{Pick(SampleWords.MailDomains)}".ToLowerInvariant();
            var billingAddress = guest ? NewGuestAddress(first, last, euro) : customer.Addresses[0];
            var shippingAddress = guest ? billingAddress : customer.Addresses[^1];
            var created = _now.AddSeconds(-_random.Next(60, 365 * 86_400));
            var updated = created.AddSeconds(_random.Next(60, 14 * 86_400));
            if (updated > _now) updated = _now;
            var state = states[WeightedIndex(weights)];
            var status = state == "holded" ? "holded" : state;
            var increment = (store == FrenchStore ? "2" : "0") + id.ToString("D8", CultureInfo.InvariantCulture);
            var ip = IpAddress();

            // Items
            var lines = new List<(Product Product, int Qty)>();
            var itemCount = 1 + WeightedIndex([0.5, 0.3, 0.15, 0.05]);
            for (var n = 0; n < itemCount; n++) lines.Add((Pick(_products), 1 + WeightedIndex([0.8, 0.15, 0.05])));
            var baseSubtotal = lines.Sum(l => l.Product.Price * l.Qty);
            var baseTax = euro ? 0m : Math.Round(baseSubtotal * TaxRate, 2);
            var baseShipping = Shipping * lines.Count;
            var baseGrand = baseSubtotal + baseTax + baseShipping;
            var qtyOrdered = lines.Sum(l => l.Qty);
            var weight = lines.Sum(l => l.Product.Weight * l.Qty);
            var paid = state is "complete" or "closed" or "processing";
            var refunded = state == "closed";
            var method = Chance(0.7) ? "braintree" : "checkmo";
            var billingId = ++orderAddress;
            var shippingId = ++orderAddress;
            var storeName = euro ? "Main Website\nMain Website Store\nFrench Store View" : "Main Website\nMain Website Store\nDefault Store View";

            // The quote the order came from (converted, inactive).
            var quoteBilling = ++quoteAddress;
            var quoteShipping = ++quoteAddress;
            await w.Quote.Begin().Int(id).Int(store).Time(created.AddMinutes(-_random.Next(5, 600))).Time(created).Time(created).Int(0).Int(0).Int(0)
                .Int(lines.Count).Dec(qtyOrdered).Int(0).Dec(0).Dec(0).Str("USD").Str(currency).Str(currency).Dec(baseGrand * rate).Dec(baseGrand)
                .Str(guest ? "guest" : "customer").IntOrNull(guest ? null : customer.Id).Int(3).Int(guest ? 0 : 1).Str(email).Null().Str(first).Null().Str(last).Null()
                .Time(guest ? null : customer.Dob).Null().Int(1).Int(guest ? 1 : 0).Str(ip).Null().Str(increment).Null().Null().Str("USD").Dec(1).Dec(rate)
                .Str(guest ? null : customer.Taxvat).Str(guest ? null : customer.Gender?.ToString(CultureInfo.InvariantCulture))
                .Dec(baseSubtotal * rate).Dec(baseSubtotal).Dec(baseSubtotal * rate).Dec(baseSubtotal).Int(1).Int(0).Null().Int(0).EndAsync(ct);
            await WriteQuoteAddressAsync(w, quoteBilling, id, created, guest ? null : customer.Id, "billing", email, billingAddress, 0m, 0m, 0m, rate, ct);
            await WriteQuoteAddressAsync(w, quoteShipping, id, created, guest ? null : customer.Id, "shipping", email, shippingAddress, baseSubtotal, baseTax, baseShipping, rate, ct);
            await w.QuotePayment.Begin().Int(id).Int(id).Time(created).Time(created).Str(method).Str(method == "braintree" ? Pick(["VI", "MC", "AE"]) : null)
                .Null().Str(method == "braintree" ? _random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture) : null).Null().Str(method == "braintree" ? $"{first} {last}" : null)
                .Str(method == "braintree" ? _random.Next(1, 13).ToString(CultureInfo.InvariantCulture) : null).Int(method == "braintree" ? _now.Year + _random.Next(1, 5) : 0)
                .Null().Int(0).Int(0).Null().Null().Null().Str(method == "braintree" ? "{\"payment_method_nonce\":\"" + Hex(16) + "\"}" : null).EndAsync(ct);

            // The order.
            var invoiced = paid ? baseGrand : 0m;
            await w.Order.Begin().Int(id).Str(state).Str(status).Null().Str(Hex(6)).Str("Flat Rate - Fixed").Int(0).Int(store).IntOrNull(guest ? null : customer.Id)
                // base_discount_* (4), base_grand_total, base_shipping_*(6)
                .Dec(0).Null().Null().Null().Dec(baseGrand).Dec(baseShipping).Null().DecOrNull(paid ? baseShipping : null).DecOrNull(refunded ? baseShipping : null).Dec(0).Null()
                // base_subtotal(4), base_tax(4), rates(2), base_total_*(8)
                .Dec(baseSubtotal).DecOrNull(state == "canceled" ? baseSubtotal : null).DecOrNull(paid ? baseSubtotal : null).DecOrNull(refunded ? baseSubtotal : null)
                .Dec(baseTax).DecOrNull(state == "canceled" ? baseTax : null).DecOrNull(paid ? baseTax : null).DecOrNull(refunded ? baseTax : null)
                .Dec(1).Dec(rate).DecOrNull(state == "canceled" ? baseGrand : null).DecOrNull(paid ? invoiced : null).DecOrNull(paid ? 0m : null)
                .DecOrNull(refunded && method == "checkmo" ? baseGrand : null).DecOrNull(refunded && method != "checkmo" ? baseGrand : null).DecOrNull(paid ? invoiced : null)
                .Dec(qtyOrdered).DecOrNull(refunded ? baseGrand : null)
                // discount_*(4), grand_total, shipping_*(6)
                .Dec(0).Null().Null().Null().Dec(baseGrand * rate).Dec(baseShipping * rate).Null().DecOrNull(paid ? baseShipping * rate : null).DecOrNull(refunded ? baseShipping * rate : null).Dec(0).Null()
                // store rates(2), subtotal(4), tax(4), total_*(7)
                .Dec(0).Dec(0).Dec(baseSubtotal * rate).DecOrNull(state == "canceled" ? baseSubtotal * rate : null).DecOrNull(paid ? baseSubtotal * rate : null).DecOrNull(refunded ? baseSubtotal * rate : null)
                .Dec(baseTax * rate).DecOrNull(state == "canceled" ? baseTax * rate : null).DecOrNull(paid ? baseTax * rate : null).DecOrNull(refunded ? baseTax * rate : null)
                .DecOrNull(state == "canceled" ? baseGrand * rate : null).DecOrNull(paid ? baseGrand * rate : null)
                .DecOrNull(refunded && method == "checkmo" ? baseGrand * rate : null).DecOrNull(refunded && method != "checkmo" ? baseGrand * rate : null).DecOrNull(paid ? baseGrand * rate : null)
                .Dec(qtyOrdered).DecOrNull(refunded ? baseGrand * rate : null)
                // flags and ids
                .Null().Null().Int(guest ? 1 : 0).Int(1).Int(billingId).Int(guest ? 0 : 1).Null().Int(1).Int(1).Null().Null().Int(quoteShipping).Int(id).Int(shippingId)
                // adjustments etc.
                .Null().Null().Null().Null().Dec(0).Dec(baseSubtotal + baseTax).Dec(paid ? 0m : baseGrand).Null().Dec(0).Dec((baseSubtotal + baseTax) * rate).Dec(paid ? 0m : baseGrand * rate).Dec(weight)
                // customer and codes
                .Time(guest ? null : customer.Dob).Str(increment).Null().Str("USD").Str(email).Str(first).Str(last).Null().Null().Null().Str(guest ? null : customer.Taxvat)
                .Null().Null().Null().Str("USD").Null().Null().Str(currency).Null().Null().Null().Null().Null().Str(ip).Str("flatrate_flatrate").Str(currency).Str(storeName)
                .Str(Chance(0.05) ? IpAddress() : null).Str(Chance(0.03) ? Pick(SampleWords.OrderComments) : null).Time(created).Time(updated).Int(lines.Count)
                .IntOrNull(guest ? null : customer.Gender).Dec(0).Dec(0).Dec(0).Null().DecOrNull(paid ? 0m : null).DecOrNull(paid ? 0m : null).Null().Null()
                .Dec(baseShipping * rate).Dec(baseShipping).Null().EndAsync(ct);

            foreach (var (product, qty) in lines)
            {
                var rowBase = product.Price * qty;
                var rowTax = euro ? 0m : Math.Round(rowBase * TaxRate, 2);
                var options = "{\"info_buyRequest\":{\"qty\":\"" + qty + "\",\"product\":\"" + product.Id + "\"}}";
                await w.OrderItem.Begin().Int(++orderItem).Int(id).Null().Int(++quoteItem).Int(store).Time(created).Time(updated).Int(product.Id).Str("simple")
                    .Str(options).Dec(product.Weight).Int(0).Str(product.Sku).Str(product.Name).Null().Null().Null().Int(0).Int(0)
                    .Null().Dec(state == "canceled" ? qty : 0).Dec(paid ? qty : 0).Dec(qty).Dec(refunded ? qty : 0).Dec(state == "complete" || refunded ? qty : 0)
                    .Null().Dec(product.Price * rate).Dec(product.Price).Dec(product.Price * rate).Dec(product.Price).Dec(euro ? 0 : TaxRate * 100)
                    .Dec(rowTax * rate).Dec(rowTax).Dec(paid ? rowTax * rate : 0).Dec(paid ? rowTax : 0).Dec(0).Dec(0).Dec(0).Dec(0).Dec(0)
                    .Dec(refunded ? rowBase * rate : 0).Dec(refunded ? rowBase : 0).Dec(rowBase * rate).Dec(rowBase).Dec(paid ? rowBase * rate : 0).Dec(paid ? rowBase : 0)
                    .Dec(product.Weight * qty).Null().Null().Null().Null().Null()
                    .Dec((product.Price + product.Price * (euro ? 0 : TaxRate)) * rate).Dec(product.Price + product.Price * (euro ? 0 : TaxRate))
                    .Dec((rowBase + rowTax) * rate).Dec(rowBase + rowTax).Dec(0).Dec(0).Null().Null().Null().Null().Null().Null()
                    .DecOrNull(refunded ? rowTax * rate : null).DecOrNull(refunded ? rowTax : null).Null().Null().EndAsync(ct);
                await w.QuoteItem.Begin().Int(quoteItem).Int(id).Time(created).Time(created).Int(product.Id).Int(store).Null().Int(0).Str(product.Sku).Str(product.Name)
                    .Null().Null().Null().Int(0).Int(0).Dec(product.Weight).Dec(qty).Dec(product.Price * rate).Dec(product.Price).Null().Dec(0).Dec(0).Dec(0)
                    .Dec(euro ? 0 : TaxRate * 100).Dec(rowTax * rate).Dec(rowTax).Dec(rowBase * rate).Dec(rowBase).Dec(0).Dec(product.Weight * qty).Str("simple")
                    .Null().Null().Null().Null().Null().Dec((product.Price + product.Price * (euro ? 0 : TaxRate)) * rate).Dec(product.Price + product.Price * (euro ? 0 : TaxRate))
                    .Dec((rowBase + rowTax) * rate).Dec(rowBase + rowTax).Dec(0).Dec(0).EndAsync(ct);
            }

            await WriteOrderAddressAsync(w, billingId, id, guest ? null : customer.Id, quoteBilling, "billing", email, billingAddress, ct);
            await WriteOrderAddressAsync(w, shippingId, id, guest ? null : customer.Id, quoteShipping, "shipping", email, shippingAddress, ct);

            var cardOwner = method == "braintree" ? $"{first} {last}" : null;
            var transaction = method == "braintree" ? Hex(4) : null;
            var additional = method == "braintree"
                ? "{\"cc_type\":\"VI\",\"cc_number\":\"xxxx-" + _random.Next(1000, 9999) + "\",\"method_title\":\"Credit Card (Braintree)\",\"payment_method_nonce\":\"" + Hex(12) + "\"}"
                : "{\"method_title\":\"Check \\/ Money order\"}";
            await w.OrderPayment.Begin().Int(id).Int(id).DecOrNull(paid ? baseShipping : null).DecOrNull(paid ? baseShipping * rate : null).DecOrNull(refunded ? baseGrand * rate : null)
                .DecOrNull(paid ? baseGrand : null).Null().DecOrNull(method == "braintree" ? baseGrand : null).Null().Null().Dec(baseShipping).Dec(baseShipping * rate)
                .DecOrNull(paid ? baseGrand * rate : null).DecOrNull(method == "braintree" ? baseGrand * rate : null).Dec(baseGrand).DecOrNull(refunded ? baseShipping : null)
                .DecOrNull(refunded ? baseShipping * rate : null).DecOrNull(refunded ? baseGrand : null).Dec(baseGrand * rate).Null().Int(id).Null()
                .Str(method == "braintree" ? _random.Next(1, 13).ToString(CultureInfo.InvariantCulture) : null).Null().Null().Str(method).Null().Null().Null().Null()
                .Str(method == "braintree" ? _random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture) : null).Null().Null().Null().Null().Null()
                .Str(transaction).Null().Str(cardOwner).Str(method == "braintree" ? "VI" : null).Null()
                .Str(method == "braintree" ? (_now.Year + _random.Next(1, 5)).ToString(CultureInfo.InvariantCulture) : null).Null().Null().Null().Null().Null().Null().Null()
                .Str(method == "braintree" ? "Y" : null).Null().Str(transaction).Null().Str(additional).EndAsync(ct);

            var statuses = state switch
            {
                "complete" => new[] { "pending", "processing", "complete" },
                "closed" => ["pending", "processing", "complete", "closed"],
                "canceled" => ["pending", "canceled"],
                "processing" => ["pending", "processing"],
                "holded" => ["pending", "holded"],
                _ => ["pending"],
            };
            var step = created;
            foreach (var s in statuses)
            {
                await w.History.Begin().Int(++history).Int(id).Int(s == "pending" ? 1 : 0).Int(s == "pending" ? 0 : 1)
                    .Str(s == "pending" ? null : Chance(0.2) ? Pick(SampleWords.OrderComments) : $"Order {s}.").Str(s).Time(step).Str("order").EndAsync(ct);
                step = step.AddMinutes(_random.Next(5, 3000));
                if (step > _now) step = _now;
            }

            var customerName = $"{first} {last}";
            await w.OrderGrid.Begin().Int(id).Str(status).Int(store).Str(storeName).IntOrNull(guest ? null : customer.Id).Dec(baseGrand).DecOrNull(paid ? baseGrand : null)
                .Dec(baseGrand * rate).DecOrNull(paid ? baseGrand * rate : null).Str(increment).Str("USD").Str(currency).Str(customerName).Str(customerName)
                .Time(created).Time(updated).Str(billingAddress.GridLine).Str(shippingAddress.GridLine).Str("Flat Rate - Fixed").Str(email).Str(guest ? "0" : "1")
                .Dec(baseSubtotal * rate).Dec(baseShipping * rate).Str(customerName).Str(method).DecOrNull(refunded ? baseGrand * rate : null).EndAsync(ct);
            if (paid)
                await w.InvoiceGrid.Begin().Int(id).Str(increment).Int(refunded ? 2 : 2).Int(store).Str(storeName).Int(id).Str(increment).Time(created)
                    .Str(customerName).Str(email).Int(guest ? 0 : 1).Str(method).Str(currency).Str(currency).Str("USD").Str("USD").Str(customerName)
                    .Str(billingAddress.GridLine).Str(shippingAddress.GridLine).Str("Flat Rate - Fixed").Dec(baseSubtotal * rate).Dec(baseShipping * rate)
                    .Dec(baseGrand * rate).Time(created.AddMinutes(1)).Time(created.AddMinutes(1)).Dec(baseGrand).EndAsync(ct);
            if (state is "complete" or "closed")
                await w.ShipmentGrid.Begin().Int(id).Str(increment).Int(store).Str(increment).Int(id).Time(created).Str(customerName).Dec(qtyOrdered).Null()
                    .Str(status).Str(billingAddress.GridLine).Str(shippingAddress.GridLine).Str(customerName).Str(customerName).Str(email).Int(guest ? 0 : 1)
                    .Str(method).Str("Flat Rate - Fixed").Time(created.AddDays(1)).Time(created.AddDays(1)).EndAsync(ct);
            if (refunded)
                await w.CreditmemoGrid.Begin().Int(id).Str(increment).Time(updated).Time(updated).Int(id).Str(increment).Time(created).Str(customerName).Int(2)
                    .Dec(baseGrand).Str(status).Int(store).Str(billingAddress.GridLine).Str(shippingAddress.GridLine).Str(customerName).Str(email).Int(guest ? 0 : 1)
                    .Str(method).Str("Flat Rate - Fixed").Dec(baseSubtotal * rate).Dec(baseShipping * rate).Dec(0).Dec(0).Dec(baseGrand).EndAsync(ct);
            if (!euro) await w.Sequence.Begin().Int(id).EndAsync(ct);
        }

        // Abandoned carts: active quotes of about one customer in ten.
        var quoteId = _options.Orders;
        var carts = Math.Max(1, _customers.Count / 10);
        for (var n = 0; n < carts; n++)
        {
            var customer = Pick(_customers);
            var product = Pick(_products);
            var at = _now.AddSeconds(-_random.Next(60, 30 * 86_400));
            var euro = customer.Store == FrenchStore;
            var rate = euro ? EuroRate : 1m;
            quoteId++;
            await w.Quote.Begin().Int(quoteId).Int(customer.Store).Time(at).Time(at).Null().Int(1).Int(0).Int(0).Int(1).Dec(1).Int(0).Dec(0).Dec(0).Str("USD")
                .Str(euro ? "EUR" : "USD").Str(euro ? "EUR" : "USD").Dec(product.Price * rate).Dec(product.Price).Null().Int(customer.Id).Int(3).Int(1)
                .Str(customer.Email).Null().Str(customer.FirstName).Null().Str(customer.LastName).Null().Time(customer.Dob).Null().Int(1).Int(0).Str(IpAddress())
                .Null().Null().Null().Null().Str("USD").Dec(1).Dec(rate).Str(customer.Taxvat).Str(customer.Gender?.ToString(CultureInfo.InvariantCulture))
                .Dec(product.Price * rate).Dec(product.Price).Dec(product.Price * rate).Dec(product.Price).Int(1).Int(0).Null().Int(Chance(0.2) ? 1 : 0).EndAsync(ct);
            await WriteQuoteAddressAsync(w, ++quoteAddress, quoteId, at, customer.Id, "billing", customer.Email, customer.Addresses[0], 0m, 0m, 0m, rate, ct);
            await WriteQuoteAddressAsync(w, ++quoteAddress, quoteId, at, customer.Id, "shipping", customer.Email, customer.Addresses[^1], product.Price, 0m, 0m, rate, ct);
            await w.QuoteItem.Begin().Int(++quoteItem).Int(quoteId).Time(at).Time(at).Int(product.Id).Int(customer.Store).Null().Int(0).Str(product.Sku).Str(product.Name)
                .Null().Null().Null().Int(0).Int(0).Dec(product.Weight).Dec(1).Dec(product.Price * rate).Dec(product.Price).Null().Dec(0).Dec(0).Dec(0).Dec(0).Dec(0).Dec(0)
                .Dec(product.Price * rate).Dec(product.Price).Dec(0).Dec(product.Weight).Str("simple").Null().Null().Null().Null().Null()
                .Dec(product.Price * rate).Dec(product.Price).Dec(product.Price * rate).Dec(product.Price).Dec(0).Dec(0).EndAsync(ct);
        }
        await w.FlushAsync(ct);
    }

    private async Task WriteQuoteAddressAsync(OrderBatches w, long id, long quoteId, DateTime at, int? customerId, string type, string email, Address a,
        decimal subtotal, decimal tax, decimal shipping, decimal rate, CancellationToken ct)
    {
        var total = subtotal + tax + shipping;
        await w.QuoteAddress.Begin().Int(id).Int(quoteId).Time(at).Time(at).IntOrNull(customerId).Int(0).IntOrNull(customerId is null ? null : (int)a.Id).Str(type)
            .Str(email).Null().Str(a.FirstName).Null().Str(a.LastName).Null().Str(a.Company).Str(a.Street).Str(a.City).Str(a.Region).RegionId(a.RegionId)
            .Str(a.Postcode).Str(a.Country).Str(a.Telephone).Null().Int(type == "shipping" ? 1 : 0).Int(0).Str(type == "shipping" ? "flatrate_flatrate" : null)
            .Str(type == "shipping" ? "Flat Rate - Fixed" : null).Dec(0).Dec(subtotal * rate).Dec(subtotal).Dec(subtotal * rate).Dec(subtotal).Dec(tax * rate).Dec(tax)
            .Dec(shipping * rate).Dec(shipping).Dec(0).Dec(0).Dec(0).Dec(0).Dec(total * rate).Dec(total).Null().Str(tax > 0 ? "[]" : null).Null()
            .Dec(0).Dec(0).Dec((subtotal + tax) * rate).Dec(subtotal + tax).Dec(0).Dec(0).Dec(0).Null().Dec(shipping * rate).Dec(shipping)
            .Null().Null().Null().Null().Null().Null().Null().EndAsync(ct);
    }

    private static async Task WriteOrderAddressAsync(OrderBatches w, long id, long orderId, int? customerId, long quoteAddressId, string type, string email, Address a, CancellationToken ct)
    {
        await w.OrderAddress.Begin().Int(id).Int(orderId).IntOrNull(customerId is null ? null : (int)a.Id).Int(quoteAddressId).RegionId(a.RegionId).IntOrNull(customerId)
            .Null().Str(a.Region).Str(a.Postcode).Str(a.LastName).Str(a.Street).Str(a.City).Str(email).Str(a.Telephone).Str(a.Country).Str(a.FirstName).Str(type)
            .Null().Null().Null().Str(a.Company).Null().Null().Null().Null().Null().EndAsync(ct);
    }

    // ---- what a running store accumulates ----

    private async Task WriteActivityAsync(InsertPipe pipe, CancellationToken ct)
    {
        var subscribers = new InsertBatch(pipe, "newsletter_subscriber", "subscriber_id", "store_id", "change_status_at", "customer_id", "subscriber_email", "subscriber_status", "subscriber_confirm_code");
        var sid = 0;
        foreach (var c in _customers)
            if (Chance(0.3))
                await subscribers.Begin().Int(++sid).Int(c.Store).Time(c.Created.AddDays(1)).Int(c.Id).Str(c.Email).Int(Chance(0.9) ? 1 : 3).Str(Hex(16)).EndAsync(ct);
        for (var n = 0; n < Math.Max(1, _customers.Count / 20); n++)
            await subscribers.Begin().Int(++sid).Int(DefaultStore).Time(_now.AddDays(-_random.Next(1, 300))).Int(0)
                .Str($"{Ascii(Pick(SampleWords.FirstNames)).ToLowerInvariant()}{n}@{Pick(SampleWords.MailDomains)}").Int(Chance(0.8) ? 1 : 2).Str(Hex(16)).EndAsync(ct);
        await subscribers.FlushAsync(ct);

        var reviews = new InsertBatch(pipe, "review", "review_id", "created_at", "entity_id", "entity_pk_value", "status_id");
        var details = new InsertBatch(pipe, "review_detail", "detail_id", "review_id", "store_id", "title", "detail", "nickname", "customer_id");
        var votes = new InsertBatch(pipe, "rating_option_vote", "vote_id", "option_id", "remote_ip", "remote_ip_long", "customer_id", "entity_pk_value", "rating_id", "review_id", "percent", "value");
        var reviewCount = Math.Max(1, _options.Orders / 10);
        for (var id = 1; id <= reviewCount; id++)
        {
            var customer = Chance(0.8) ? Pick(_customers) : null;
            var product = Pick(_products);
            var stars = 1 + WeightedIndex([0.05, 0.07, 0.15, 0.33, 0.40]);
            var ip = IpAddress();
            await reviews.Begin().Int(id).Time(_now.AddSeconds(-_random.Next(3600, 365 * 86_400))).Int(1).Int(product.Id).Int(Chance(0.85) ? 1 : 2).EndAsync(ct);
            await details.Begin().Int(id).Int(id).Int(customer?.Store ?? DefaultStore).Str(Pick(SampleWords.ReviewTitles)).Str(Pick(SampleWords.ReviewBodies))
                .Str(customer is null ? Pick(SampleWords.FirstNames) : $"{customer.FirstName} {customer.LastName[0]}.").IntOrNull(customer?.Id).EndAsync(ct);
            await votes.Begin().Int(id).Int(stars).Str(ip).Int(IpToLong(ip)).IntOrNull(customer?.Id).Int(product.Id).Int(1).Int(id).Int(stars * 20).Int(stars).EndAsync(ct);
        }
        foreach (var batch in new[] { reviews, details, votes }) await batch.FlushAsync(ct);

        var visitors = new InsertBatch(pipe, "customer_visitor", "visitor_id", "customer_id", "session_id", "created_at", "last_visit_at");
        var persistent = new InsertBatch(pipe, "persistent_session", "persistent_id", "key", "customer_id", "website_id", "info", "updated_at");
        var wishlists = new InsertBatch(pipe, "wishlist", "wishlist_id", "customer_id", "shared", "sharing_code", "updated_at");
        var vault = new InsertBatch(pipe, "vault_payment_token", "entity_id", "customer_id", "public_hash", "payment_method_code", "type", "created_at", "expires_at", "gateway_token", "details", "is_active", "is_visible");
        int visitor = 0, persisted = 0, wish = 0, token = 0;
        foreach (var c in _customers)
        {
            if (Chance(0.5))
            {
                var at = _now.AddSeconds(-_random.Next(60, 60 * 86_400));
                await visitors.Begin().Int(++visitor).Int(c.Id).Null().Time(at).Time(at.AddMinutes(_random.Next(1, 90))).EndAsync(ct);
            }
            if (Chance(0.05))
                await persistent.Begin().Int(++persisted).Str(Hex(25)).Int(c.Id).Int(1).Str("{\"customer_id\":" + c.Id + "}").Time(_now.AddDays(-_random.Next(0, 30))).EndAsync(ct);
            if (Chance(0.2))
                await wishlists.Begin().Int(++wish).Int(c.Id).Int(Chance(0.1) ? 1 : 0).Str(Hex(16)).Time(_now.AddDays(-_random.Next(0, 200))).EndAsync(ct);
            if (Chance(0.1))
            {
                var at = _now.AddDays(-_random.Next(1, 300));
                await vault.Begin().Int(++token).Int(c.Id).Str(Hex(32)).Str("braintree").Str("card").Time(at).Time(at.AddYears(3)).Str(Hex(3))
                    .Str("{\"type\":\"VI\",\"maskedCC\":\"" + _random.Next(1000, 9999) + "\",\"expirationDate\":\"" + _random.Next(1, 13) + "\\/" + (_now.Year + 3) + "\"}")
                    .Int(1).Int(1).EndAsync(ct);
            }
        }
        for (var n = 0; n < Math.Max(1, _customers.Count / 5); n++)
        {
            var at = _now.AddSeconds(-_random.Next(60, 7 * 86_400));
            await visitors.Begin().Int(++visitor).Null().Null().Time(at).Time(at.AddMinutes(_random.Next(1, 30))).EndAsync(ct);
        }
        foreach (var batch in new[] { visitors, persistent, wishlists, vault }) await batch.FlushAsync(ct);

        var sessions = new InsertBatch(pipe, "session", "session_id", "session_expires", "session_data");
        for (var n = 0; n < Math.Clamp(_customers.Count / 10, 5, 5000); n++)
            await sessions.Begin().Str(Hex(13)).Int(new DateTimeOffset(_now).ToUnixTimeSeconds() + _random.Next(60, 3600))
                .Str("_session_validator_data|a:2:{s:11:\"remote_addr\";s:" + 0 + ":\"\";}customer_base|a:1:{s:11:\"customer_id\";i:" + Pick(_customers).Id + ";}").EndAsync(ct);
        await sessions.FlushAsync(ct);

        var resets = new InsertBatch(pipe, "password_reset_request_event", "id", "request_type", "account_reference", "created_at", "ip");
        for (var n = 1; n <= Math.Max(1, _customers.Count / 50); n++)
            await resets.Begin().Int(n).Int(0).Str(Pick(_customers).Email).Time(_now.AddHours(-_random.Next(1, 24 * 20))).Str(IpAddress()).EndAsync(ct);
        await resets.FlushAsync(ct);

        var events = new InsertBatch(pipe, "report_event", "event_id", "logged_at", "event_type_id", "object_id", "subject_id", "subtype", "store_id");
        for (var n = 1; n <= _options.Orders * 2; n++)
        {
            var c = Pick(_customers);
            await events.Begin().Int(n).Time(_now.AddSeconds(-_random.Next(60, 90 * 86_400))).Int(1 + _random.Next(4)).Int(Pick(_products).Id).Int(c.Id).Int(Chance(0.7) ? 0 : 1).Int(c.Store).EndAsync(ct);
        }
        await events.FlushAsync(ct);

        var queries = new InsertBatch(pipe, "search_query", "query_id", "query_text", "num_results", "popularity", "redirect", "store_id", "display_in_terms", "is_active", "is_processed", "updated_at");
        for (var n = 0; n < SampleWords.SearchTerms.Length; n++)
            await queries.Begin().Int(n + 1).Str(SampleWords.SearchTerms[n]).Int(_random.Next(0, 80)).Int(_random.Next(1, 2000)).Null()
                .Int(SampleWords.SearchTerms[n].Contains('à') || SampleWords.SearchTerms[n] == "veste" ? FrenchStore : DefaultStore).Int(1).Int(1).Int(0).Time(_now.AddDays(-_random.Next(0, 60))).EndAsync(ct);
        await queries.FlushAsync(ct);

        var changelog = new InsertBatch(pipe, "catalogsearch_fulltext_cl", "version_id", "entity_id");
        for (var n = 1; n <= Math.Min(_products.Count, 200); n++)
            await changelog.Begin().Int(n).Int(Pick(_products).Id).EndAsync(ct);
        await changelog.FlushAsync(ct);

        var cache = new InsertBatch(pipe, "cache", "id", "data", "create_time", "update_time", "expire_time");
        var tags = new InsertBatch(pipe, "cache_tag", "tag", "cache_id");
        var time = new DateTimeOffset(_now).ToUnixTimeSeconds();
        for (var n = 0; n < 20; n++)
        {
            var key = "FPC_" + Hex(10).ToUpperInvariant();
            await cache.Begin().Str(key).Str("{\"content\":\"<html>...</html>\"}").Int(time - 600).Int(time - 600).Int(time + 86_400).EndAsync(ct);
            await tags.Begin().Str("FPC").Str(key).EndAsync(ct);
        }
        foreach (var batch in new[] { cache, tags }) await batch.FlushAsync(ct);

        var sendfriend = new InsertBatch(pipe, "sendfriend_log", "log_id", "ip", "time", "website_id");
        for (var n = 1; n <= 10; n++)
            await sendfriend.Begin().Int(n).Int(IpToLong(IpAddress())).Int(time - _random.Next(60, 86_400 * 30)).Int(1).EndAsync(ct);
        await sendfriend.FlushAsync(ct);
    }

    // ---- helpers ----

    private static InsertBatch EavBatch(InsertPipe pipe, string table) => new(pipe, table, "value_id", "attribute_id", "entity_id", "value");

    private static InsertBatch ProductEavBatch(InsertPipe pipe, string table) => new(pipe, table, "value_id", "attribute_id", "store_id", "entity_id", "value");

    private Address NewGuestAddress(string first, string last, bool french)
    {
        var place = PlaceFor(french);
        return new Address(0, first, last, Street(place.Country), place.City, place.Region, place.RegionId, Postcode(place), place.Country, Phone(place.Country), null);
    }

    private (string City, string Region, int RegionId, string Postcode, string Country) PlaceFor(bool french)
    {
        var places = SampleWords.Places;
        while (true)
        {
            var place = places[_random.Next(places.Length)];
            if ((place.Country == "FR") == french || Chance(0.05)) return place;
        }
    }

    private string Street(string country) => country == "FR"
        ? $"{_random.Next(1, 120)} {Pick(SampleWords.FrenchStreets)}"
        : $"{_random.Next(1, 9999)} {Pick(SampleWords.StreetNames)} {Pick(SampleWords.StreetSuffixes)}" + (Chance(0.1) ? $"\nApt {_random.Next(1, 40)}" : "");

    private string Postcode((string City, string Region, int RegionId, string Postcode, string Country) place) =>
        place.Postcode + _random.Next(0, 100).ToString(place.Country == "FR" ? "D2" : "D2", CultureInfo.InvariantCulture);

    private string Phone(string country) => country == "FR"
        ? $"+33 {_random.Next(1, 8)} {_random.Next(10, 99)} {_random.Next(10, 99)} {_random.Next(10, 99)} {_random.Next(10, 99)}"
        : $"({_random.Next(201, 989)}) {_random.Next(200, 999)}-{_random.Next(1000, 9999)}";

    private string IpAddress() => $"{_random.Next(11, 223)}.{_random.Next(0, 256)}.{_random.Next(0, 256)}.{_random.Next(1, 255)}";

    private static long IpToLong(string ip) => ip.Split('.').Aggregate(0L, (sum, part) => sum * 256 + long.Parse(part, CultureInfo.InvariantCulture));

    private string Description(string name)
    {
        var text = new StringBuilder("<p>The ").Append(name).Append(". ");
        for (var n = _random.Next(2, 5); n > 0; n--) text.Append(Pick(SampleWords.DescriptionSentences)).Append(' ');
        return text.Append("</p>").ToString();
    }

    private string PasswordHash() => Hex(32) + ":" + Hex(16) + ":3_32_2_67108864";

    /// <summary>Looks like a value Magento 2.4 encrypted with its key (version 0, cipher 3, base64), without being one.</summary>
    private string Encrypted(int bytes)
    {
        var buffer = new byte[24 + bytes];
        _random.NextBytes(buffer);
        return "0:3:" + Convert.ToBase64String(buffer);
    }

    private string Hex(int bytes)
    {
        var buffer = new byte[bytes];
        _random.NextBytes(buffer);
        return Convert.ToHexString(buffer).ToLowerInvariant();
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private int WeightedIndex(double[] weights)
    {
        var roll = _random.NextDouble();
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0) return i;
        }
        return weights.Length - 1;
    }

    private static string Initials(string name) => string.Concat(name.Split(' ').Select(word => char.ToUpperInvariant(Ascii(word)[0])));

    /// <summary>Letters without accents or apostrophes, for e-mail addresses and URL keys.</summary>
    private static string Ascii(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (c < 128 && (char.IsLetterOrDigit(c) || c == ' ' || c == '-')) result.Append(c);
        return result.ToString();
    }

    private sealed record Customer(int Id, int Store, string FirstName, string LastName, string Email, DateTime? Dob, int? Gender, string? Taxvat, DateTime Created)
    {
        public List<Address> Addresses { get; } = [];
    }

    private sealed record Address(long Id, string FirstName, string LastName, string Street, string City, string Region, int RegionId, string Postcode,
        string Country, string Telephone, string? Company)
    {
        public string Full => $"{Street.Replace('\n', ' ')} {City} {Region} {Postcode}";

        public string GridLine => $"{Street.Replace('\n', ',')},{City},{Region},{Postcode}";
    }

    private sealed record Product(int Id, string Sku, string Name, decimal Price, decimal Weight);
}
