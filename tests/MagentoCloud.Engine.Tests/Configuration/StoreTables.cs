namespace MagentoCloud.Engine.Tests.Configuration;

/// <summary>
/// Magento 2.4's layouts (db_schema.xml of Magento_Store, Magento_Config, Magento_Theme, Magento_User,
/// Magento_Translation) for the tables configuration touches, and a store with several websites.
/// </summary>
internal static class StoreTables
{
    public const string Ddl = """
        CREATE TABLE store_website (
          website_id smallint unsigned NOT NULL AUTO_INCREMENT,
          code varchar(32) DEFAULT NULL,
          name varchar(64) DEFAULT NULL,
          sort_order smallint unsigned NOT NULL DEFAULT 0,
          default_group_id smallint unsigned NOT NULL DEFAULT 0,
          is_default smallint unsigned DEFAULT 0,
          PRIMARY KEY (website_id),
          UNIQUE KEY STORE_WEBSITE_CODE (code),
          KEY STORE_WEBSITE_SORT_ORDER (sort_order),
          KEY STORE_WEBSITE_DEFAULT_GROUP_ID (default_group_id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE store_group (
          group_id smallint unsigned NOT NULL AUTO_INCREMENT,
          website_id smallint unsigned NOT NULL DEFAULT 0,
          name varchar(255) NOT NULL,
          root_category_id int unsigned NOT NULL DEFAULT 0,
          default_store_id smallint unsigned NOT NULL DEFAULT 0,
          code varchar(32) DEFAULT NULL,
          PRIMARY KEY (group_id),
          UNIQUE KEY STORE_GROUP_CODE (code),
          KEY STORE_GROUP_WEBSITE_ID (website_id),
          KEY STORE_GROUP_DEFAULT_STORE_ID (default_store_id),
          CONSTRAINT STORE_GROUP_WEBSITE_ID_STORE_WEBSITE_WEBSITE_ID FOREIGN KEY (website_id) REFERENCES store_website (website_id) ON DELETE CASCADE
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE store (
          store_id smallint unsigned NOT NULL AUTO_INCREMENT,
          code varchar(32) DEFAULT NULL,
          website_id smallint unsigned NOT NULL DEFAULT 0,
          group_id smallint unsigned NOT NULL DEFAULT 0,
          name varchar(255) NOT NULL,
          sort_order smallint unsigned NOT NULL DEFAULT 0,
          is_active smallint unsigned NOT NULL DEFAULT 0,
          PRIMARY KEY (store_id),
          UNIQUE KEY STORE_CODE (code),
          KEY STORE_WEBSITE_ID (website_id),
          KEY STORE_IS_ACTIVE_SORT_ORDER (is_active, sort_order),
          KEY STORE_GROUP_ID (group_id),
          CONSTRAINT STORE_GROUP_ID_STORE_GROUP_GROUP_ID FOREIGN KEY (group_id) REFERENCES store_group (group_id) ON DELETE CASCADE,
          CONSTRAINT STORE_WEBSITE_ID_STORE_WEBSITE_WEBSITE_ID FOREIGN KEY (website_id) REFERENCES store_website (website_id) ON DELETE CASCADE
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE core_config_data (
          config_id int unsigned NOT NULL AUTO_INCREMENT,
          scope varchar(8) NOT NULL DEFAULT 'default',
          scope_id int NOT NULL DEFAULT 0,
          path varchar(255) NOT NULL DEFAULT 'general',
          value text DEFAULT NULL,
          updated_at timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
          PRIMARY KEY (config_id),
          UNIQUE KEY CORE_CONFIG_DATA_SCOPE_SCOPE_ID_PATH (scope, scope_id, path)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE theme (
          theme_id int unsigned NOT NULL AUTO_INCREMENT,
          parent_id int unsigned DEFAULT NULL,
          theme_path varchar(255) DEFAULT NULL,
          theme_title varchar(255) NOT NULL,
          preview_image varchar(255) DEFAULT NULL,
          is_featured tinyint(1) NOT NULL DEFAULT 0,
          area varchar(255) NOT NULL,
          type smallint NOT NULL,
          code text DEFAULT NULL,
          PRIMARY KEY (theme_id)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        CREATE TABLE admin_user (
          user_id int unsigned NOT NULL AUTO_INCREMENT,
          firstname varchar(32) DEFAULT NULL,
          lastname varchar(32) DEFAULT NULL,
          email varchar(128) DEFAULT NULL,
          username varchar(40) DEFAULT NULL,
          password varchar(255) NOT NULL,
          created timestamp NOT NULL DEFAULT current_timestamp(),
          modified timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
          logdate timestamp NULL DEFAULT NULL,
          lognum smallint unsigned NOT NULL DEFAULT 0,
          reload_acl_flag smallint NOT NULL DEFAULT 0,
          is_active smallint NOT NULL DEFAULT 1,
          extra text DEFAULT NULL,
          rp_token text DEFAULT NULL,
          rp_token_created_at timestamp NULL DEFAULT NULL,
          interface_locale varchar(16) NOT NULL DEFAULT 'en_US',
          failures_num smallint DEFAULT 0,
          first_failure timestamp NULL DEFAULT NULL,
          lock_expires timestamp NULL DEFAULT NULL,
          PRIMARY KEY (user_id),
          UNIQUE KEY ADMIN_USER_USERNAME (username)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb3;
        """;

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
