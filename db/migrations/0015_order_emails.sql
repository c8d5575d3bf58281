-- Whether a person is emailed about their orders; on by default, as the emails were before it could be chosen.
ALTER TABLE `users` ADD `order_emails` integer DEFAULT true NOT NULL;