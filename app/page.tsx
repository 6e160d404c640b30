export { default, metadata } from '@/app/search/page';
