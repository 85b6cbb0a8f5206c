// The preset dictionary of the packed order body (order-body.ts): the keys of a klikit order, in the order
// klikit sends them, with every value blanked (the shared fixtures of a one-brand and a multi-brand order
// with modifiers, values emptied). Deflate finds them here instead of in the body, so even the first
// occurrence of each key costs a back-reference. Bodies packed with it can only be unpacked with the same
// bytes: never edit it; a new dictionary is a new packing with its own format byte.
export const KLIKIT_ORDER_KEYS_V1: string = [
  '{"id":0,"short_id":"","external_id":"","order_queue":0,"business_id":0,"branch_id":0,"klikit_store_i',
  'd":"","brands":[{"id":0,"title":"","logo":""}],"provider_id":0,"source":0,"type":0,"status":0,"creat',
  'ed_at":"","updated_at":"","estimated_pickup_at":"","preparation_time":0,"currency":"","currency_symb',
  'ol":"","item_count":0,"unique_item_count":0,"order_comment":"","klikit_comment":"","user_first_name"',
  ':"","user_last_name":"","cart_v2":[{"id":"","name":"","quantity":0,"comment":"","brand":{"id":0,"tit',
  'le":""},"unit_price":"","price":"","modifier_groups":[{"id":"","name":"","modifiers":[{"id":"","name',
  '":"","quantity":0,"price":"","modifier_groups":[]}]}]}]}{"additional_fee":0,"additional_fee_display"',
  ':"","additional_info":{"vehicle_info":{}},"auto_accept":false,"auto_ready":true,"branch_id":0,"brand',
  's":[{"id":0,"logo":"","title":""}],"business_id":0,"can_accept":false,"can_cancel":true,"can_ready":',
  'true,"can_void":true,"cart":[{"brand":{"id":0,"logo":"","title":""},"description":"","groups":[],"it',
  'em_id":0,"klikit_category_id":0,"klikit_category_name":"","klikit_id":0,"klikit_name":"","klikit_sec',
  'tion_id":0,"klikit_section_name":"","klikit_sku_id":"","price":0,"quantity":0,"title":"","title_v2":',
  '{"en":""},"unit_price":0,"vat":0}],"cart_v2":[{"brand":{"id":0,"logo":"","title":""},"id":"","klikit',
  '_id":0,"klikit_name":"","klikit_name_translation":{"en":""},"klikit_sku_id":"","klikit_unit_price":"',
  '","menu_version":0,"modifier_group_price":"","modifier_groups":[],"name":"","price":"","price_displa',
  'y":"","quantity":0,"unit_price":"","unit_price_display":""}],"created_at":"","created_by":0,"created',
  '_by_user":"","currency":"","currency_symbol":"","external_id":"","fee_paid_by_customer":true,"final_',
  'price":0,"final_price_display":"","fulfillment_status_id":null,"fulfillments":[],"id":0,"identity":"',
  '","is_manual_order":true,"is_offline_payment":true,"is_vat_included":true,"item_count":0,"item_price',
  '":0,"klikit_store_id":"","order_queue":0,"order_status_histories":[{"id":0,"order_id":0,"status":0,"',
  'processed_at":""}],"owned_by":0,"payment_channel_id":0,"payment_method":0,"payment_status":0,"prepar',
  'ation_time":0,"provider_id":0,"qr_code_url":"","shift_session_id":0,"short_id":"","source":0,"status',
  '":0,"status_updated_by":0,"type":0,"unique_item_count":0,"updated_at":"","user_full_name":"","user_r',
  'ole":"","vat":0}',
].join('');
