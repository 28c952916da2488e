namespace MagentoCloud.Engine.Tests.Configuration;

/// <summary>A store in Magento's tables (MagentoSchema): several websites, groups and store views, themes,
/// admins with their locales, settings at every scope and sensitive payment credentials.</summary>
internal static class StoreTables
{
    /// <summary>Two websites (plus admin), three groups, four store views, themes, admins, settings at every scope.</summary>
    public const string Store = """
        SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO');
        INSERT INTO store_website VALUES (0,'admin','Admin',0,0,0),(1,'base','Main Website',0,1,1),(2,'wholesale','Wholesale',10,2,0);
        INSERT INTO store_group VALUES (0,0,'Default',0,0,'default'),(1,1,'Main Website Store',2,1,'main_website_store'),(2,2,'Wholesale Store',2,3,'wholesale_store');
        INSERT INTO store VALUES (0,'admin',0,0,'Admin',0,1),(1,'default',1,1,'Default Store View',0,1),(2,'french',1,1,'French',1,1),(3,'b2b',2,2,'B2B English',0,1);
        INSERT INTO theme VALUES (1,NULL,'Magento/backend','Magento 2 backend',NULL,0,'adminhtml',0,'Magento/backend'),
          (2,NULL,'Magento/blank','Magento Blank','preview_image_1.jpeg',0,'frontend',0,'Magento/blank'),
          (3,2,'Magento/luma','Magento Luma','preview_image_2.jpeg',0,'frontend',0,'Magento/luma');
        INSERT INTO admin_user (firstname, lastname, email, username, password, interface_locale) VALUES
          ('Ada','Admin','ada@example.com','ada','hash1','en_US'),('Fran','Admin','fran@example.com','fran','hash2','fr_FR'),('Bob','Admin','bob@example.com','bob','hash3','en_US');
        INSERT INTO core_config_data (scope, scope_id, path, value) VALUES
          ('default',0,'general/locale/code','en_US'),
          ('default',0,'dev/static/sign','1'),
          ('default',0,'dev/js/merge_files','1'),
          ('default',0,'dev/css/minify_files','1'),
          ('default',0,'dev/template/minify_html','0'),
          ('default',0,'advanced/modules_disable_output/Magento_Newsletter','1'),
          ('default',0,'general/store_information/name','Luma O''Brien \\ Sons'),
          ('default',0,'catalog/frontend/grid_per_page','24'),
          ('default',0,'design/theme/theme_id','3'),
          ('default',0,'web/secure/base_url','https://shop.example.com/'),
          ('default',0,'web/unsecure/base_url','http://shop.example.com/'),
          ('default',0,'payment/braintree/private_key','bt-private-secret'),
          ('default',0,'payment/braintree/merchant_id','bt-merchant'),
          ('default',0,'payment/authorizenet_acceptjs/trans_key','anet-key-secret'),
          ('default',0,'carriers/ups/password','ups-secret'),
          ('default',0,'payment/checkmo/active','1'),
          ('default',0,'general/region/state_required',NULL),
          ('websites',1,'general/locale/code','en_GB'),
          ('websites',2,'catalog/price/scope','1'),
          ('websites',2,'general/locale/code','en_US'),
          ('websites',2,'payment/paypal_express/api_password','pp-secret'),
          ('stores',2,'general/locale/code','fr_FR'),
          ('stores',2,'design/header/welcome','Bienvenue'),
          ('stores',3,'web/secure/base_url','https://b2b.example.com/'),
          ('stores',0,'web/secure/base_url','https://admin.example.com/');
        """;
}
